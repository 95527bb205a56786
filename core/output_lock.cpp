#include "core/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/result_text.hpp"
#include "core/scratch_dir.hpp"

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

fs::path OutputLock::path_for(const fs::path& output) { return lock_path_for(output); }

OutputLock::OutputLock(const fs::path& output) : OutputLock(output, nullptr) {}

OutputLock::OutputLock(const fs::path& output, const std::function<void()>& waiting) : lock_path_(lock_path_for(output)) {
  // The owner removes the file when done; one who locked it just before that holds a removed
  // file, so a lock counts only on the file that is still there.
  bool said = false;
  for (;;) {
    fd_.reset(::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd_) throw Error(fmt::format("{}: cannot make its lock file {} ({})", output.string(), lock_path_.string(), std::strerror(errno)));
    if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK) throw Error(fmt::format("{}: cannot lock {} ({})", output.string(), lock_path_.string(), std::strerror(errno)));
      if (!waiting)
        throw InputError(fmt::format("{}: another framebench is writing it now (its lock {} is held); give this one another output",
                                     output.string(), lock_path_.string()));
      if (!std::exchange(said, true)) waiting();
      // Polled, not a blocking flock: a Ctrl-C that came just before the call would not end it.
      throw_if_interrupted();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    struct stat held {}, there {};
    if (::fstat(fd_.get(), &held) == 0 && ::stat(lock_path_.c_str(), &there) == 0 && held.st_dev == there.st_dev &&
        held.st_ino == there.st_ino) {
      // The output's only writer now: temporaries of it are a killed writer's, hidden, left for good
      // (found 6 December 2026 by a sweep of concurrent use: a killed `run` left its export's).
      AtomicFile::remove_leftovers(output);
      return;
    }
  }
}

OutputLock::~OutputLock() {
  if (fd_) ::unlink(lock_path_.c_str());  // before the lock goes with the descriptor
}

}  // namespace framebench
