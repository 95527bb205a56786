#include "core/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"

extern char** environ;

namespace framebench {

UniqueFd& UniqueFd::operator=(UniqueFd&& o) noexcept {
  if (this != &o) reset(o.release());
  return *this;
}

void UniqueFd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

std::string ExitStatus::describe() const {
  if (signal) return fmt::format("killed by signal {} ({})", signal, strsignal(signal));
  return fmt::format("exit status {}", code);
}

namespace {

// Ours with `extra` on top: an extra entry replaces ours of the same name (getenv would find the
// first of two), and a later extra entry an earlier one.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  const auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  std::map<std::string, std::string> replaced;
  for (const auto& e : extra) replaced[name_of(e)] = e;
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e)
    if (!replaced.contains(name_of(*e))) out.emplace_back(*e);
  for (const auto& [name, entry] : replaced) out.push_back(entry);
  return out;
}

struct Pipe {
  UniqueFd read, write;
};

Pipe make_pipe(int size) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(fmt::format("pipe2: {}", std::strerror(errno)));
  Pipe p{UniqueFd(fds[0]), UniqueFd(fds[1])};
  // Best effort: an unprivileged process may be capped by /proc/sys/fs/pipe-max-size.
  if (size > 0) ::fcntl(fds[1], F_SETPIPE_SZ, size);
  return p;
}

void check_spawn(int rc, const char* call) {
  if (rc != 0) throw Error(fmt::format("{}: {}", call, std::strerror(rc)));
}

// The executable `argv0` names, found as posix_spawnp would; throws as a failed spawn does.
std::string executable_of(const std::string& argv0) {
  const std::filesystem::path path = argv0.find('/') == std::string::npos ? find_in_path(argv0) : std::filesystem::path(argv0);
  if (path.empty()) throw Error(fmt::format("cannot start '{}': {}", argv0, std::strerror(ENOENT)));
  if (::access(path.c_str(), X_OK) != 0) throw Error(fmt::format("cannot start '{}': {}", argv0, std::strerror(errno)));
  return path.string();
}

// What to spawn for `argv`: framebench-tether, where it is beside us, told our pid and the
// program, so that the child dies with us even when we are killed outright; else `argv` itself.
std::vector<std::string> tethered(const std::vector<std::string>& argv) {
  static const std::filesystem::path tether = sibling_executable("framebench-tether");
  if (tether.empty()) return argv;
  std::vector<std::string> out{tether.string(), std::to_string(::getpid()), executable_of(argv[0])};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

}  // namespace

Subprocess::Subprocess(std::vector<std::string> argv, const SpawnOptions& options) {
  if (argv.empty()) throw Error("Subprocess: empty argv");
  posix_spawn_file_actions_t actions;
  check_spawn(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
  struct ActionsGuard {
    posix_spawn_file_actions_t* a;
    ~ActionsGuard() { posix_spawn_file_actions_destroy(a); }
  } guard{&actions};

  Pipe in, out;
  if (options.pipe_stdin) {
    in = make_pipe(options.pipe_size);
    check_spawn(posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO), "adddup2");
  }
  if (options.pipe_stdout) {
    out = make_pipe(options.pipe_size);
    check_spawn(posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO), "adddup2");
  }
  std::string err_path;
  if (options.stderr_file) {
    err_path = options.stderr_file->string();
    check_spawn(posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(),
                                                 O_WRONLY | O_CREAT | O_TRUNC, 0644),
                "addopen");
  }

  std::vector<std::string> spawned = tethered(argv);
  std::vector<char*> args;
  for (auto& a : spawned) args.push_back(a.data());
  args.push_back(nullptr);

  std::vector<std::string> env_storage = child_environment(options.extra_env);
  std::vector<char*> envp;
  for (auto& e : env_storage) envp.push_back(e.data());
  envp.push_back(nullptr);

  const bool search = spawned[0].find('/') == std::string::npos;
  const int rc = search ? posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), envp.data())
                        : posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data());
  if (rc != 0)
    throw Error(spawned[0] == argv[0] ? fmt::format("cannot start '{}': {}", argv[0], std::strerror(rc))
                                      : fmt::format("cannot start '{}' through {}: {}", argv[0], spawned[0], std::strerror(rc)));
  register_child(pid_);
  stdin_ = std::move(in.write);
  stdout_ = std::move(out.read);
}

Subprocess::Subprocess(Subprocess&& o) noexcept
    : pid_(o.pid_), stdin_(std::move(o.stdin_)), stdout_(std::move(o.stdout_)), status_(o.status_) {
  o.pid_ = -1;
}

Subprocess::~Subprocess() {
  if (pid_ > 0 && !status_) {
    stdin_.reset();
    stdout_.reset();
    ::kill(pid_, SIGKILL);
    try {
      wait();
    } catch (...) {
    }
  }
}

ExitStatus Subprocess::wait() {
  if (status_) return *status_;
  stdin_.reset();
  int raw = 0;
  while (::waitpid(pid_, &raw, 0) < 0) {
    if (errno != EINTR) throw Error(fmt::format("waitpid: {}", std::strerror(errno)));
  }
  unregister_child(pid_);
  ExitStatus s;
  if (WIFEXITED(raw)) s.code = WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) s.signal = WTERMSIG(raw);
  status_ = s;
  return s;
}

void Subprocess::kill(int sig) {
  if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

RunResult run_capture(const std::vector<std::string>& argv, ChildStderr child_stderr) {
  SpawnOptions options;
  options.pipe_stdout = true;
  if (child_stderr == ChildStderr::discard) options.stderr_file = "/dev/null";
  Subprocess child(argv, options);
  RunResult result;
  result.out = read_to_end(child.stdout_fd());
  child.close_stdout();
  result.status = child.wait();
  return result;
}

BoundedRunResult run_capture_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds within, std::size_t at_most) {
  SpawnOptions options;
  options.pipe_stdout = true;
  options.stderr_file = "/dev/null";
  Subprocess child(argv, options);
  BoundedRunResult result;
  const auto deadline = std::chrono::steady_clock::now() + within;
  char buffer[65536];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd fd{child.stdout_fd(), POLLIN, 0};
    const int ready = left.count() > 0 ? ::poll(&fd, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.cut_short = true;
      break;
    }
    const ssize_t n = ::read(child.stdout_fd(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.run.out.append(buffer, static_cast<std::size_t>(n));
    if (result.run.out.size() > at_most) {
      result.run.out.resize(at_most);
      result.cut_short = true;
      break;
    }
  }
  if (result.cut_short) child.kill(SIGKILL);
  child.close_stdout();
  result.run.status = child.wait();
  return result;
}

std::string read_to_end(int fd) {
  std::string out;
  char buffer[65536];
  for (;;) {
    const std::size_t n = read_full(fd, buffer, sizeof buffer);
    out.append(buffer, n);
    if (n < sizeof buffer) return out;
  }
}

std::filesystem::path find_in_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const auto dir = dirs.substr(0, colon);
    dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    if (dir.empty()) continue;
    const auto candidate = std::filesystem::path(dir) / program;
    std::error_code ec;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate, ec)) return candidate;
  }
  return {};
}

std::size_t read_full(int fd, void* buffer, std::size_t size) {
  auto* p = static_cast<char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, p + done, size - done);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("read: {}", std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  return done;
}

void write_full(int fd, const void* buffer, std::size_t size) {
  const auto* p = static_cast<const char*>(buffer);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, p + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("write: {}", std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
}

std::filesystem::path self_executable() { return std::filesystem::read_symlink("/proc/self/exe"); }

std::filesystem::path sibling_executable(std::string_view name) {
  std::error_code ec;
  const auto path = self_executable().parent_path() / name;
  return std::filesystem::is_regular_file(path, ec) ? path : std::filesystem::path();
}

}  // namespace framebench
