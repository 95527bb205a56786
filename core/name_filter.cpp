#include "core/name_filter.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/subprocess.hpp"

namespace framebench {

namespace {

// The search's child: killed and reaped whatever way the wait ends; its end, once it ended alone.
class SearchChild {
 public:
  explicit SearchChild(pid_t pid) : pid_(pid) {}
  ~SearchChild() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    reap();
  }
  SearchChild(const SearchChild&) = delete;
  SearchChild& operator=(const SearchChild&) = delete;

  std::string how_it_ended() {
    const int status = reap();
    pid_ = -1;
    if (WIFSIGNALED(status)) return fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
    return fmt::format("exit status {}", WEXITSTATUS(status));
  }

 private:
  int reap() const {
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
  }
  pid_t pid_;
};

[[noreturn]] void search_in_child(const std::regex& compiled, const std::vector<std::string>& names, int out, pid_t parent) {
  // Not framebench's handlers: a Ctrl-C to the process group stops the search, and the parent's
  // list of children is the parent's to kill.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  prctl(PR_SET_PDEATHSIG, SIGKILL);   // a parent killed outright takes its search with it
  if (getppid() != parent) _exit(1);  // ... also one killed before that was set
  try {                               // nothing unwinds into the parent's stack frames
    std::string answer;
    answer.reserve(names.size());
    for (const auto& name : names) answer += std::regex_search(name, compiled) ? '1' : '0';
    write_full(out, answer.data(), answer.size());
  } catch (...) {
    _exit(2);
  }
  _exit(0);
}

}  // namespace

std::string pattern_as_shown(std::string_view pattern) {
  constexpr std::size_t kShown = 60;
  if (pattern.size() <= kShown) return std::string(pattern);
  return fmt::format("{}... ({} characters)", pattern.substr(0, kShown), pattern.size());
}

std::regex compile_name_filter(std::string_view shown, const std::string& pattern) {
  if (pattern.size() > kLongestNameFilter)
    throw InputError(fmt::format("{}: the pattern is {} characters long; at most {}", shown, pattern.size(), kLongestNameFilter));
  int depth = 0, deepest = 0;
  for (const char c : pattern) {
    if (c == '(' || c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if (c == ')' || c == ']' || c == '}') --depth;
  }
  if (deepest > kDeepestNameFilter)
    throw InputError(fmt::format("{}: the pattern nests {} levels deep; at most {}", shown, deepest, kDeepestNameFilter));
  try {
    return std::regex(pattern, std::regex::extended);
  } catch (const std::regex_error& e) {
    throw InputError(fmt::format("{}: not a valid regular expression ({})", shown, e.what()));
  }
}

std::vector<bool> names_matching(std::string_view shown, const std::string& pattern, const std::vector<std::string>& names,
                                 double limit_s) {
  const std::regex compiled = compile_name_filter(shown, pattern);
  if (names.empty()) return {};
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw Error(fmt::format("cannot make a pipe: {}", std::strerror(errno)));
  UniqueFd from_child(fds[0]), to_parent(fds[1]);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw Error(fmt::format("cannot start the filter's search: {}", std::strerror(errno)));
  if (pid == 0) search_in_child(compiled, names, to_parent.get(), parent);
  SearchChild child(pid);
  to_parent.reset();
  std::string answer;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(limit_s);
  while (answer.size() < names.size()) {
    throw_if_interrupted();
    if (std::chrono::steady_clock::now() >= deadline)
      throw InputError(fmt::format("{}: the pattern took over {:g} s to match {} case name{} (nested repetition such as (.*)* makes "
                                   "the search exponential); write it more simply",
                                   shown, limit_s, names.size(), names.size() == 1 ? "" : "s"));
    pollfd ready{.fd = from_child.get(), .events = POLLIN, .revents = 0};
    const int polled = poll(&ready, 1, 50);  // a slice, to look at the clock and for Ctrl-C
    if (polled < 0 && errno != EINTR) throw Error(fmt::format("{}: waiting for the search: {}", shown, std::strerror(errno)));
    if (polled <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::read(from_child.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(fmt::format("{}: the search ended before it answered ({})", shown, child.how_it_ended()));
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  std::vector<bool> matches;
  matches.reserve(names.size());
  for (const char c : answer) matches.push_back(c == '1');
  return matches;
}

}  // namespace framebench
