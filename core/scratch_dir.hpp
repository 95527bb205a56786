#pragma once
// A private temporary directory removed with everything in it when the owner goes away,
// so that neither success nor failure leaves scratch behind. A process killed outright (SIGKILL,
// the OOM killer) removes nothing, so each directory is locked (flock) while its owner lives,
// and the first scratch a process makes in a folder first removes the abandoned ones there:
// named and marked like ours (scratch_dir.cpp), ours by user, unlocked, and untouched for a minute.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace framebench {

// The folder temporary files go in: $TMPDIR, or /tmp where it is unset or empty.
std::filesystem::path temp_folder();

class ScratchDir {
 public:
  // Created under `parent` (default: temp_folder()) with a name starting with `prefix`. Throws
  // InputError naming TMPDIR when the default folder is missing, not a folder, or not ours to
  // write (the environment is the user's input), Error otherwise.
  explicit ScratchDir(std::string_view prefix = "framebench", std::filesystem::path parent = {});
  ScratchDir(ScratchDir&&) noexcept;
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir();

  const std::filesystem::path& path() const { return path_; }
  // The folder was moved into place and is no longer ours to remove.
  void release();
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }
  // Bytes currently held by regular files inside.
  std::uintmax_t bytes() const;

 private:
  std::filesystem::path path_;
  int lock_fd_ = -1;  // the directory itself, flock'ed while we hold it
};

// Removes from `parent` the scratch directories whose owners were killed outright (the rule
// above). Returns how many it removed. Tests call it directly.
int remove_abandoned_scratch(const std::filesystem::path& parent);
// The same, once per process for each folder (default: $TMPDIR or /tmp). ScratchDir calls it;
// `process` calls it before the job, whose time would otherwise include it.
void sweep_abandoned_scratch(std::filesystem::path parent = {});

std::uintmax_t directory_bytes(const std::filesystem::path& dir);

// The longest name an entry of `folder` may have: 255 bytes on most file systems, less on some
// (eCryptfs: 143); 255 where the folder cannot be asked.
std::size_t longest_name_in(const std::filesystem::path& folder);

// Writes `path` through a temporary file in the same directory and a rename, so readers see the
// old file or the whole new one, never half of it. The new file keeps the permissions of the one
// it replaces (a hard link to that one is not written through: the rename makes a new file). A
// symbolic link at `path` is replaced by the file, not written through; a directory, device,
// pipe or socket there, any path under /dev or /proc (/dev/stdout is a link the rename would
// replace), or a name longer than its folder's file system takes, is refused (InputError).
class AtomicFile {
 public:
  // A place that took the file before (the job's output folder, a results file written already)
  // and refuses it now was removed or made read-only meanwhile: a fault (Error), not bad input.
  enum class Place { unchecked, checked_before };
  explicit AtomicFile(std::filesystem::path path, Place place = Place::unchecked);
  ~AtomicFile();  // removes the temporary if commit() was not reached
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& temp_path() const { return temp_; }
  // Makes `text` the whole of the temporary; a failure names the file and the system's reason
  // ("r.json: cannot write (No space left on device)").
  void write(std::string_view text);
  void commit();

  // Refuses `path` as the constructor would (a folder that is not there, a device, no room, a
  // read-only disk), leaving nothing; returns it. For a writer that takes the output's lock
  // before it makes its temporary, so that the place is said as such, not as the lock's file.
  static const std::filesystem::path& writable(const std::filesystem::path& path);
  // Removes the temporaries that writers of `output` killed outright left beside it (and those of
  // writers inside them): only for a caller that alone writes `output` now, holding its OutputLock.
  static void remove_leftovers(const std::filesystem::path& output);

 private:
  std::filesystem::path path_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace framebench
