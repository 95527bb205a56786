#pragma once
// One writer for an output at a time. Two `run`s given the same --out both ended with exit 0
// and "results: same.json", and the file held only the cases of the one that finished last; two
// `report`s into one folder mixed their charts (found 5 December 2026 by a hostile-input sweep).
// The lock is a file beside the output (".same.json.lock"), flock'ed while the owner writes and
// removed when it is done; a process killed outright leaves it, unlocked, for the next to take.
#include <filesystem>

#include "core/subprocess.hpp"

namespace framebench {

class OutputLock {
 public:
  // Throws InputError naming the output when another process holds it, Error when the lock
  // file cannot be made (the output's folder is then not writable either, which callers check).
  explicit OutputLock(const std::filesystem::path& output);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& path() const { return lock_path_; }

 private:
  std::filesystem::path lock_path_;
  UniqueFd fd_;
};

}  // namespace framebench
