#include "harness/output_path.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/output_lock.hpp"
#include "core/status_line.hpp"
#include "harness/environment.hpp"
#include "media/container.hpp"

namespace framebench::harness {

std::filesystem::path default_results_path(const std::string& name) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  // A name framebench chooses is never one in use: two runs in one second, one after the other or
  // side by side, replaced the first's results or were refused for a name the user never gave
  // (found 6 December 2026 by a sweep of concurrent use). Taken is a file there or its lock.
  // The host's name as a file name takes it: sethostname allows '/' and line breaks, which made a
  // folder or a line break in the name (found 6 December 2026 by a sweep of environments).
  std::string host = host_name();
  for (char& c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  const std::string base = fmt::format("{}-{}-{}", name, host, stamp);
  std::error_code ec;
  for (int n = 1;; ++n) {
    const auto path = std::filesystem::path("results") / (n == 1 ? base + ".json" : fmt::format("{}-{}.json", base, n));
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec)) &&
        !std::filesystem::exists(std::filesystem::symlink_status(OutputLock::path_for(path), ec)))
      return path;
  }
}

std::filesystem::path prepare_output_directory(const std::filesystem::path& file) {
  // "out/" names a folder: said before the folder is made (found 5 December 2026 by a
  // hostile-input sweep: `kernels --out sub/x/` made sub/x/, then refused it).
  std::error_code exists;
  if (!file.has_filename() || std::filesystem::is_directory(file, exists))
    throw InputError(fmt::format("{}: is a directory, not a file to write", file.string()));
  const auto dir = file.parent_path();
  if (dir.empty()) return {};
  std::error_code ec;
  std::filesystem::path made;  // the outermost folder that is not there yet ("new/./x" walks as "new/x")
  for (auto p = dir.lexically_normal(); !p.empty() && !std::filesystem::exists(std::filesystem::symlink_status(p, ec)); p = p.parent_path()) {
    made = p;
    if (p == p.parent_path()) break;
  }
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    // What was made before the failure goes again (found 6 December 2026 by a sweep of
    // environments: a folder name too long left the folders above it).
    remove_made_directories(file, made);
    // A link to nothing there reads as "File exists" (found 6 December 2026 by a sweep of environments).
    std::error_code link_ec;
    for (auto p = dir.lexically_normal(); !p.empty(); p = p.parent_path()) {
      if (std::filesystem::is_symlink(std::filesystem::symlink_status(p, link_ec)) && !std::filesystem::exists(p, link_ec))
        throw InputError(fmt::format("{}: cannot create the output directory ({} is a link to nothing)", dir.string(), p.string()));
      if (p == p.parent_path()) break;
    }
    throw InputError(fmt::format("{}: cannot create the output directory ({})", dir.string(),
                                 ec ? ec.message() : "a file is in the way"));
  }
  return made;
}

void remove_made_directories(const std::filesystem::path& file, const std::filesystem::path& made) {
  if (made.empty()) return;
  std::error_code ec;
  for (auto p = file.lexically_normal().parent_path(); !p.empty(); p = p.parent_path()) {
    // remove() takes only an empty folder; one never made (a failed make) is passed over.
    if (!std::filesystem::remove(p, ec) && std::filesystem::exists(std::filesystem::symlink_status(p, ec))) return;
    if (p == made || p == p.parent_path()) return;
  }
}

void warn_replacing(const std::filesystem::path& file) {
  StatusLine::standard_error().warn(fmt::format("{} exists: this run's results replace it once they are first written", file.string()));
}

std::string output_extension(const media::EncoderSpec& encoder) {
  std::string preferred = "mkv";
  if (encoder.codec == "libx264" || encoder.codec == "libx265") preferred = "mp4";
  if (encoder.codec == "mpeg4" || encoder.codec == "mjpeg") preferred = "avi";
  // libavformat has the last word: a container that cannot hold the codec is never chosen.
  const auto working = media::containers_for(encoder);
  if (working.empty() || std::find(working.begin(), working.end(), "." + preferred) != working.end()) return preferred;
  return working.front().substr(1);
}

}  // namespace framebench::harness
