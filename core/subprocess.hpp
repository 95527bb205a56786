#pragma once
// Child processes started with posix_spawn (never a shell, never fork from a threaded process),
// with optional pipes to their stdin/stdout and stderr captured to a file. Where framebench-tether
// is beside the executable (framebench's build), a child is started through it and is killed when
// its parent ends, even by SIGKILL. The kernel's notion of "parent" is the thread that started
// the child, so a Subprocess must be waited for or destroyed before its starting thread ends.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

// An owned file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept;
  ~UniqueFd() { reset(); }
  int get() const { return fd_; }
  int release() { int fd = fd_; fd_ = -1; return fd; }
  void reset(int fd = -1);
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

struct SpawnOptions {
  bool pipe_stdin = false;
  bool pipe_stdout = false;
  // Where the child's stderr goes; empty keeps ours.
  std::optional<std::filesystem::path> stderr_file;
  // Pipe buffer size requested with F_SETPIPE_SZ (0 keeps the default 64 KiB).
  int pipe_size = 0;
  // Extra environment entries "KEY=VALUE" on top of ours (replacing ours of the same name).
  std::vector<std::string> extra_env;
};

struct ExitStatus {
  int code = -1;    // exit code when exited normally
  int signal = 0;   // terminating signal, 0 if none
  bool ok() const { return signal == 0 && code == 0; }
  std::string describe() const;
};

class Subprocess {
 public:
  // argv[0] is looked up in PATH unless it contains a '/'.
  Subprocess(std::vector<std::string> argv, const SpawnOptions& options = {});
  Subprocess(Subprocess&&) noexcept;
  Subprocess& operator=(Subprocess&&) = delete;
  ~Subprocess();  // kills and reaps a child still running

  pid_t pid() const { return pid_; }
  int stdin_fd() const { return stdin_.get(); }
  int stdout_fd() const { return stdout_.get(); }
  void close_stdin() { stdin_.reset(); }
  void close_stdout() { stdout_.reset(); }
  ExitStatus wait();
  void kill(int signal);

 private:
  pid_t pid_ = -1;
  UniqueFd stdin_;
  UniqueFd stdout_;
  std::optional<ExitStatus> status_;
};

// Runs to completion, capturing stdout. Throws Error on spawn failure.
struct RunResult {
  ExitStatus status;
  std::string out;
};
// `child_stderr` says what becomes of the child's stderr: Discard it, or Keep it on ours (so
// that what a tool prints there reaches the user as it is).
enum class ChildStderr { discard, keep };
RunResult run_capture(const std::vector<std::string>& argv, ChildStderr child_stderr = ChildStderr::discard);

// run_capture for a program that may not be what it claims (a tool found in PATH, asked for its
// version): a child still running after `within`, or writing more than `at_most` bytes, is
// killed, and `cut_short` says so; `out` holds what came before.
struct BoundedRunResult {
  RunResult run;
  bool cut_short = false;
};
BoundedRunResult run_capture_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds within, std::size_t at_most);

// Whole-buffer I/O on a descriptor, retrying on EINTR and short counts.
// read_full returns bytes read (less than size only at EOF).
std::size_t read_full(int fd, void* buffer, std::size_t size);
void write_full(int fd, const void* buffer, std::size_t size);

// Reads `fd` until end of file.
std::string read_to_end(int fd);

// The executable `program` found in PATH (as execvp would), or an empty path.
std::filesystem::path find_in_path(std::string_view program);

// Path of the running executable (`framebench kernels` re-executes it; its worker executables sit beside it).
std::filesystem::path self_executable();
// The executable file `name` beside this one (framebench's worker executables); empty where there is none.
std::filesystem::path sibling_executable(std::string_view name);

}  // namespace framebench
