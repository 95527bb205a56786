#include "core/input_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench {

void check_input_file(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file, ec);
  // A loop of links is not "no such file".
  if (ec && ec != std::errc::no_such_file_or_directory) throw InputError(fmt::format("{}: {}", file.string(), ec.message()));
  if (!fs::exists(status)) throw InputError(fmt::format("{}: no such file", file.string()));
  if (fs::is_directory(status)) throw InputError(fmt::format("{}: is a directory, not a video file", file.string()));
  if (!fs::is_regular_file(status))
    throw InputError(fmt::format("{}: not a regular file (a pipe or device cannot be read more than once); copy it to a file first",
                                 file.string()));
  if (::access(file.c_str(), R_OK) != 0) throw InputError(fmt::format("{}: cannot read it (permission denied)", file.string()));
}

std::filesystem::path shareable_input_path(const std::filesystem::path& file) {
  const std::string text = file.lexically_normal().string();
  const bool descriptor = text == "/dev/stdin" || text.starts_with("/dev/fd/") || text.starts_with("/proc/self/fd/") ||
                          text.starts_with("/proc/thread-self/fd/");
  if (!descriptor) return file;
  std::error_code ec;
  auto target = std::filesystem::canonical(file, ec);  // the file the descriptor was opened on
  if (ec || target.string().starts_with("/proc/"))  // a pipe or socket: "pipe:[123]" under /proc
    throw InputError(fmt::format("{}: names an open descriptor, not a file other processes can open; give the file's own path",
                                 file.string()));
  return target;
}

std::optional<InputStamp> InputStamp::of(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  return InputStamp{static_cast<std::uintmax_t>(st.st_dev), static_cast<std::uintmax_t>(st.st_ino), static_cast<std::uintmax_t>(st.st_size),
                    std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace framebench
