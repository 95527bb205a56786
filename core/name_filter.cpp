#include "core/name_filter.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <regex>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace framebench {

namespace {

// A child that is killed, then reaped, whatever way the wait ends.
class MatchingChild {
 public:
  explicit MatchingChild(pid_t pid) : pid_(pid) {}
  ~MatchingChild() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    while (waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  MatchingChild(const MatchingChild&) = delete;
  MatchingChild& operator=(const MatchingChild&) = delete;

 private:
  pid_t pid_;
};

class Pipe {
 public:
  Pipe() {
    if (pipe2(fds_, O_CLOEXEC) != 0) throw Error(fmt::format("cannot make a pipe: {}", std::strerror(errno)));
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read() { close_one(fds_[0]); }
  void close_write() { close_one(fds_[1]); }

 private:
  static void close_one(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  int fds_[2] = {-1, -1};
};

[[noreturn]] void match_in_child(const std::regex& compiled, const std::vector<std::string>& names, int out) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a parent killed outright takes its search with it
  std::string answer;
  answer.reserve(names.size());
  for (const auto& name : names) answer += std::regex_search(name, compiled) ? '1' : '0';
  for (std::size_t written = 0; written < answer.size();) {
    const ssize_t n = ::write(out, answer.data() + written, answer.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(1);
    written += static_cast<std::size_t>(n);
  }
  _exit(0);
}

}  // namespace

std::vector<bool> names_matching(std::string_view option, const std::string& pattern, const std::vector<std::string>& names,
                                 double limit_s) {
  std::regex compiled;
  try {
    compiled = std::regex(pattern, std::regex::extended);
  } catch (const std::regex_error& e) {
    throw InputError(fmt::format("{} '{}': not a valid regular expression ({})", option, pattern, e.what()));
  }
  if (names.empty()) return {};
  Pipe pipe;
  const pid_t pid = fork();
  if (pid < 0) throw Error(fmt::format("cannot start the filter's search: {}", std::strerror(errno)));
  if (pid == 0) {
    pipe.close_read();
    match_in_child(compiled, names, pipe.write_end());
  }
  const MatchingChild child(pid);
  pipe.close_write();
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
  while (answer.size() < names.size()) {
    throw_if_interrupted();
    if (std::chrono::steady_clock::now() >= deadline)
      throw InputError(fmt::format("{} '{}': the pattern took over {:g} s to match {} case name{} (nested repetition such as (.*)* makes "
                                   "the search exponential); write it more simply",
                                   option, pattern, limit_s, names.size(), names.size() == 1 ? "" : "s"));
    pollfd ready{.fd = pipe.read_end(), .events = POLLIN, .revents = 0};
    if (poll(&ready, 1, 50) <= 0) continue;  // a signal or the slice's end: look again
    char buffer[4096];
    const ssize_t n = ::read(pipe.read_end(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(fmt::format("{} '{}': the search for matching names ended early", option, pattern));
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  std::vector<bool> matches;
  matches.reserve(names.size());
  for (const char c : answer) matches.push_back(c == '1');
  return matches;
}

}  // namespace framebench
