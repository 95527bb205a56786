#include "core/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/result_text.hpp"

namespace framebench {

namespace fs = std::filesystem;

namespace {

// ".NAME.lock", with NAME cut (at a UTF-8 character's start) so that the whole fits a directory
// entry (255 bytes) wherever the output's own name does; a cut name ends in "~" and a hash of the
// whole, one that every framebench build computes alike (std::hash need not), so that two builds
// writing one output still take the same lock.
fs::path lock_path_for(const fs::path& output) {
  std::string name = output.filename().string();
  constexpr std::size_t kNameMax = 255, kAdded = 1 + 5;  // ".", ".lock"
  if (name.size() + kAdded > kNameMax) {
    const std::string mark = fmt::format("~{:016x}", XXH3_64bits(name.data(), name.size()));
    name = utf8_prefix(name, kNameMax - kAdded - mark.size()) + mark;
  }
  return output.parent_path() / fmt::format(".{}.lock", name);
}

}  // namespace

OutputLock::OutputLock(const fs::path& output) : lock_path_(lock_path_for(output)) {
  // The owner removes the file when done; one who locked it just before that holds a removed
  // file, so a lock counts only on the file that is still there.
  for (;;) {
    fd_.reset(::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd_) throw Error(fmt::format("{}: cannot make its lock file {} ({})", output.string(), lock_path_.string(), std::strerror(errno)));
    if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK)
        throw InputError(fmt::format("{}: another framebench is writing it now (its lock {} is held); give this one another output",
                                     output.string(), lock_path_.string()));
      throw Error(fmt::format("{}: cannot lock {} ({})", output.string(), lock_path_.string(), std::strerror(errno)));
    }
    struct stat held {}, there {};
    if (::fstat(fd_.get(), &held) == 0 && ::stat(lock_path_.c_str(), &there) == 0 && held.st_dev == there.st_dev &&
        held.st_ino == there.st_ino)
      return;
  }
}

OutputLock::~OutputLock() {
  if (fd_) ::unlink(lock_path_.c_str());  // before the lock goes with the descriptor
}

}  // namespace framebench
