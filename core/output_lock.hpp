#pragma once
// One writer for an output at a time. Two `run`s given the same --out both ended with exit 0
// and "results: same.json", and the file held only the cases of the one that finished last; two
// `report`s into one folder mixed their charts (found 5 December 2026 by a hostile-input sweep).
// The lock is a file beside the output (".same.json.lock"), flock'ed while the owner writes and
// removed when it is done; a process killed outright leaves it, unlocked, for the next to take,
// who also removes the temporaries of the output such a process left (AtomicFile::remove_leftovers).
#include <filesystem>
#include <functional>

#include "core/subprocess.hpp"

namespace framebench {

class OutputLock {
 public:
  // Throws InputError naming the output when another process holds it, Error when the lock
  // file cannot be made (the output's folder is then not writable either, which callers check).
  explicit OutputLock(const std::filesystem::path& output);
  // Waits instead while another process holds it (calling `waiting` once, to say so), until it
  // is free or Ctrl-C (Interrupted): for outputs that two processes make alike, such as a
  // dataset's cached clip, where the second should take the first's rather than fail.
  OutputLock(const std::filesystem::path& output, const std::function<void()>& waiting);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::filesystem::path& path() const { return lock_path_; }
  // The lock file of `output` (".NAME.lock" beside it).
  static std::filesystem::path path_for(const std::filesystem::path& output);

 private:
  std::filesystem::path lock_path_;
  UniqueFd fd_;
};

}  // namespace framebench
