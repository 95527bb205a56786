#include "core/scratch_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench {
namespace fs = std::filesystem;

namespace {
fs::path default_parent() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? fs::path(tmp) : fs::path("/tmp");
}
}  // namespace

ScratchDir::ScratchDir(std::string_view prefix, fs::path parent) {
  if (parent.empty()) parent = default_parent();
  std::string pattern = (parent / fmt::format("{}-XXXXXX", prefix)).string();
  if (!::mkdtemp(pattern.data()))
    throw Error(fmt::format("cannot create scratch directory in {}: {}", parent.string(), std::strerror(errno)));
  path_ = pattern;
}

ScratchDir::ScratchDir(ScratchDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::uintmax_t ScratchDir::bytes() const { return directory_bytes(path_); }

std::uintmax_t directory_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

AtomicFile::AtomicFile(fs::path path) : path_(std::move(path)) {
  // Found now, not when the rename fails after the whole job has run.
  std::error_code ec;
  if (fs::is_directory(path_, ec)) throw InputError(fmt::format("{}: is a directory, not a file to write", path_.string()));
  // Created here, exclusively and under a random name (mkostemps: O_CREAT | O_EXCL, so a link
  // planted beside the output is never followed); the writer then opens this file of ours. The
  // extension stays last so tools that pick a format by extension still work.
  const std::string ext = path_.extension().string();
  std::string pattern = (path_.parent_path() / fmt::format(".{}.tmp-XXXXXX{}", path_.stem().string(), ext)).string();
  const int fd = ::mkostemps(pattern.data(), static_cast<int>(ext.size()), O_CLOEXEC);
  if (fd < 0) throw InputError(fmt::format("{}: cannot write there ({})", path_.string(), std::strerror(errno)));
  ::close(fd);
  temp_ = pattern;
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    fs::remove(temp_, ec);
  }
}

void AtomicFile::write(std::string_view text) {
  const auto fail = [&] { return Error(fmt::format("{}: cannot write ({})", path_.string(), std::strerror(errno))); };
  const int fd = ::open(temp_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw fail();
  const struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail();
    done += static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit() {
  // Private while written; on commit the permissions a new file would get (0666 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(temp_.c_str(), 0666 & ~mask);
  std::error_code ec;
  fs::rename(temp_, path_, ec);
  if (ec) throw Error(fmt::format("cannot write {}: {}", path_.string(), ec.message()));
  committed_ = true;
}

std::string naming_users_path(std::string message, const fs::path& ours, const fs::path& users) {
  const std::string from = ours.string(), to = users.string();
  if (from.empty()) return message;
  for (auto at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size())) message.replace(at, from.size(), to);
  return message;
}

}  // namespace framebench
