#include "core/scratch_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/result_text.hpp"
#include "core/subprocess.hpp"

namespace framebench {
namespace fs = std::filesystem;

fs::path temp_folder() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? fs::path(tmp) : fs::path("/tmp");
}

namespace {

// Every scratch directory's name is so made: "framebench-run-Ab3dE9", ".framebench-report-Xy12Zq".
bool named_like_scratch(const std::string& name) {
  if (!name.starts_with("framebench") && !name.starts_with(".framebench")) return false;
  if (name.size() < 7 || name[name.size() - 7] != '-') return false;
  return std::all_of(name.end() - 6, name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// A scratch directory's mode: private, and marked by the sticky bit, which no folder of a user's
// has on a private folder, so that a user's own "framebench-report" beside a report is never
// taken for ours. (Harmless here: every entry inside is ours.)
constexpr mode_t kScratchMode = S_IRWXU | S_ISVTX;

// Long enough that a directory just made by mkdtemp, not yet locked, is never taken for abandoned.
constexpr auto kAbandonedAfter = std::chrono::minutes(1);

// The process's umask, read without setting it: umask(2) alone cannot read it, and setting it for
// a moment gives a file another thread makes then the wrong mode.
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("Umask:")) return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
  const mode_t mask = ::umask(0);  // no /proc: the old way
  ::umask(mask);
  return mask;
}

}  // namespace

std::size_t longest_name_in(const fs::path& folder) {
  const long most = ::pathconf(folder.empty() ? "." : folder.c_str(), _PC_NAME_MAX);
  return most > 0 ? static_cast<std::size_t>(most) : 255;
}

void sweep_abandoned_scratch(fs::path parent) {
  if (parent.empty()) parent = temp_folder();
  static std::mutex mutex;
  static std::set<fs::path> swept;
  const std::lock_guard lock(mutex);
  if (swept.insert(parent).second) remove_abandoned_scratch(parent);
}

int remove_abandoned_scratch(const fs::path& parent) {
  int removed = 0;
  std::error_code ec;
  const auto now = std::chrono::system_clock::now();
  for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    // One lstat says all: a directory (a link is not), ours, marked, and when last written.
    struct stat st {};
    if (!named_like_scratch(it->path().filename().string()) || ::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != ::geteuid() || (st.st_mode & 07777) != kScratchMode ||
        now - std::chrono::system_clock::from_time_t(st.st_mtime) < kAbandonedAfter)
      continue;
    const UniqueFd fd(::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    // Held by a live owner, the lock is refused; a killed owner's went with it.
    if (fd && ::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
      std::error_code removed_ec;
      fs::remove_all(it->path(), removed_ec);
      removed += removed_ec ? 0 : 1;
    }
  }
  return removed;
}

ScratchDir::ScratchDir(std::string_view prefix, fs::path parent) {
  const bool from_environment = parent.empty();
  if (from_environment) parent = temp_folder();
  sweep_abandoned_scratch(parent);
  std::string pattern = (parent / fmt::format("{}-XXXXXX", prefix)).string();
  if (!::mkdtemp(pattern.data())) {
    const int error = errno;
    // Found 5 December 2026 by a hostile-input sweep: a TMPDIR that is a file or missing failed
    // with exit 1, in words that did not name the variable.
    if (from_environment && is_bad_place(error))
      throw InputError(fmt::format("cannot create scratch in {} (the temporary folder: $TMPDIR, or /tmp): {}; set TMPDIR to a folder "
                                   "framebench may write",
                                   parent.string(), std::strerror(error)));
    throw Error(fmt::format("cannot create scratch directory in {}: {}", parent.string(), std::strerror(error)));
  }
  path_ = pattern;
  // Marked as ours only once locked: an unlocked mark would let another process sweep it.
  lock_fd_ = ::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock_fd_ >= 0 && ::flock(lock_fd_, LOCK_EX | LOCK_NB) == 0) ::chmod(path_.c_str(), kScratchMode);
}

ScratchDir::ScratchDir(ScratchDir&& o) noexcept : path_(std::move(o.path_)), lock_fd_(o.lock_fd_) {
  o.path_.clear();
  o.lock_fd_ = -1;
}

void ScratchDir::release() {
  path_.clear();
  if (lock_fd_ >= 0) ::close(lock_fd_);
  lock_fd_ = -1;
}

ScratchDir::~ScratchDir() {
  if (!path_.empty()) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
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

AtomicFile::AtomicFile(fs::path path, Place place) : path_(std::move(path)) {
  const auto refuse = [place](std::string why) {
    if (place == Place::checked_before) throw Error(std::move(why));
    throw InputError(std::move(why));
  };
  // Found now, not when the rename fails after the whole job has run.
  std::error_code ec;
  const auto status = fs::status(path_, ec);
  if (fs::is_directory(status)) refuse(fmt::format("{}: is a directory, not a file to write", path_.string()));
  // The rename would put a plain file in place of a device or a pipe (found 5 December 2026 by a
  // hostile-input sweep: `--export-csv /dev/null`, run as root, replaced /dev/null).
  const auto name = path_.lexically_normal().string();
  if ((fs::exists(status) && !fs::is_regular_file(status)) || name.starts_with("/dev/") || name.starts_with("/proc/"))
    refuse(fmt::format("{}: is a device, pipe or socket, not a file to write (framebench writes a file whole and renames it "
                       "into place, which would replace it)",
                       path_.string()));
  // A name its folder cannot hold fails only at the rename, after the whole job (found 6 December
  // 2026 by a sweep of environments: exit 1 after a full run, "File name too long").
  const std::size_t name_max = longest_name_in(path_.parent_path());
  if (const std::size_t bytes = path_.filename().string().size(); bytes > name_max)
    refuse(fmt::format("{}: its name is {} bytes, longer than the {} its folder's file system takes", path_.string(), bytes, name_max));
  // Created here, exclusively and under a random name (mkostemps: O_CREAT | O_EXCL, so a link
  // planted beside the output is never followed); the writer then opens this file of ours. The
  // extension stays last so tools that pick a format by extension still work.
  const std::string ext = path_.extension().string();
  // The temporary's name fits a directory entry wherever the output's own name does, also where
  // the output is itself a temporary of ours (a writer inside `process`'s job makes one of its
  // own): the stem only tells a person whose it is, so a long one is cut, at a UTF-8 character's
  // start (found 6 December 2026 by a fault sweep: outputs named by 232 to 255 bytes were refused,
  // "File name too long", the segment strategies' only after the whole job).
  constexpr std::size_t kAdded = 1 + 11;  // ".", ".tmp-XXXXXX"
  const std::string stem = utf8_prefix(path_.stem().string(), kAdded + ext.size() < name_max ? name_max - kAdded - ext.size() : 0);
  std::string pattern = (path_.parent_path() / fmt::format(".{}.tmp-XXXXXX{}", stem, ext)).string();
  const int fd = ::mkostemps(pattern.data(), static_cast<int>(ext.size()), O_CLOEXEC);
  if (fd < 0) refuse(fmt::format("{}: cannot write there ({})", path_.string(), std::strerror(errno)));
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
  UniqueFd fd(::open(temp_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC));
  if (!fd) throw fail();
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd.get(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail();  // errno is the write's: the descriptor closes after the message is made
    done += static_cast<std::size_t>(n);
  }
  // On disk before the rename puts it in place (a power cut then leaves the old file or the new,
  // never an empty one); a network file system may report a full disk only now, or at close.
  if (::fsync(fd.get()) != 0) throw fail();
  if (::close(fd.release()) != 0) throw fail();
}

void AtomicFile::commit() {
  // Private while written; on commit the permissions of the file it replaces (a results file kept
  // private stays so; found 6 December 2026 by a sweep of environments: 0600 became 0644), or
  // those a new file would get (0666 less the umask).
  struct stat replaced {};
  const bool replacing = ::stat(path_.c_str(), &replaced) == 0 && S_ISREG(replaced.st_mode);
  ::chmod(temp_.c_str(), replacing ? replaced.st_mode & 0777 : 0666 & ~current_umask());
  std::error_code ec;
  fs::rename(temp_, path_, ec);
  if (ec) throw Error(fmt::format("cannot write {}: {}", path_.string(), ec.message()));
  committed_ = true;
}

const fs::path& AtomicFile::writable(const fs::path& path) {
  const AtomicFile probe(path);
  return path;
}

void AtomicFile::remove_leftovers(const fs::path& output) {
  // Named as the constructor names them: ".STEM.tmp-XXXXXX.EXT", one dot more for each writer inside.
  const std::string stem = output.stem().string(), ext = output.extension().string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(output.parent_path().empty() ? "." : output.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    const std::size_t dots = name.find_first_not_of('.');
    if (dots == 0 || dots == std::string::npos || !name.ends_with(ext)) continue;
    if (name.compare(dots, stem.size() + 5, stem + ".tmp-") != 0) continue;
    if (std::error_code kind; entry.is_regular_file(kind)) fs::remove(entry.path(), ec);
  }
}

}  // namespace framebench
