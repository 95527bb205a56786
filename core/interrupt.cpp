#include "core/interrupt.hpp"

#include <signal.h>
#include <string.h>
#include <time.h>

#include <array>
#include <atomic>
#include <cstdint>

#include <fmt/format.h>

namespace framebench {

namespace {

std::atomic<int> received{0};
std::atomic<std::int64_t> first_at_ns{0};  // CLOCK_MONOTONIC time of the first signal
// One Ctrl-C can arrive more than once: `timeout` signals its child and then the child's process
// group, and a terminal signals the whole foreground group, whose members may pass it on. A
// repeat this soon after the first is the same request; a person pressing again takes longer.
constexpr std::int64_t kSameRequestNs = 500'000'000;

std::int64_t monotonic_ns() {  // clock_gettime is async-signal-safe
  timespec t{};
  ::clock_gettime(CLOCK_MONOTONIC, &t);
  return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}
// Slots of running children; the handler may only touch lock-free atomics.
std::array<std::atomic<pid_t>, 512> children{};
struct sigaction previous_int, previous_term, previous_hup;

void on_signal(int sig) {
  const std::int64_t now = monotonic_ns();
  std::int64_t unset = 0;
  first_at_ns.compare_exchange_strong(unset, now);  // before `received`: a nested second signal sees it
  int none = 0;
  if (!received.compare_exchange_strong(none, sig)) {
    if (now - first_at_ns.load() < kSameRequestNs) return;  // the first one, delivered again
    // A second one: the user means it. Default action, at once.
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  kill_children();
}

}  // namespace

void kill_children() {
  for (auto& slot : children)
    if (const pid_t pid = slot.load(); pid > 0) ::kill(pid, SIGKILL);
}

InterruptGuard::InterruptGuard() {
  received = 0;
  first_at_ns = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previous_int);
  ::sigaction(SIGTERM, &action, &previous_term);
  // A closed terminal or a dropped ssh session: stopped like SIGTERM, so that the scratch folders,
  // the results file's lock and temporaries are cleaned up, not left behind (exit status 129).
  ::sigaction(SIGHUP, &action, &previous_hup);
}

InterruptGuard::~InterruptGuard() {
  // Interrupted, the program is on its way out: the handler stays, so that the first signal
  // delivered again meanwhile does not kill it with the default action before its exit status.
  if (received.load() != 0) return;
  ::sigaction(SIGINT, &previous_int, nullptr);
  ::sigaction(SIGTERM, &previous_term, nullptr);
  ::sigaction(SIGHUP, &previous_hup, nullptr);
}

int interrupt_signal() { return received.load(); }

namespace {
std::atomic<bool> job_time_limit_passed{false};
}  // namespace

void set_job_time_limit_passed(bool passed) { job_time_limit_passed = passed; }

namespace {
std::atomic<int> finishing{0};  // FinishingDespiteSignals alive
}  // namespace

FinishingDespiteSignals::FinishingDespiteSignals() { ++finishing; }
FinishingDespiteSignals::~FinishingDespiteSignals() { --finishing; }

bool stopping_for_signal() { return interrupt_signal() != 0 && finishing.load() == 0; }

void throw_if_interrupted() {
  if (stopping_for_signal()) throw Interrupted(interrupt_signal());
}

bool stop_requested() { return interrupt_signal() != 0 || job_time_limit_passed; }

void throw_if_stopped() {
  throw_if_interrupted();
  if (job_time_limit_passed) throw Error("its frame loop stopped there");
}

Interrupted::Interrupted(int signal, std::string outcome)
    : Error(fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal))), signal_(signal), outcome_(std::move(outcome)) {}

void register_child(pid_t pid) {
  // The signal or the limit may have come since its owner looked (between `stop_requested` and
  // the spawn), after the children of the moment were killed: this one goes too (found 6 December
  // 2026 by a leak sweep: piped-ffmpeg's retries started ffmpeg processes that ran on past both).
  const auto kill_if_stopped = [pid] {
    if (stop_requested()) ::kill(pid, SIGKILL);
  };
  for (auto& slot : children) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pid)) return kill_if_stopped();
  }
  // More than 512 at once: that child is not stopped early by the handler, only reaped when its owner goes.
  kill_if_stopped();
}

void unregister_child(pid_t pid) {
  for (auto& slot : children) {
    pid_t mine = pid;
    if (slot.compare_exchange_strong(mine, 0)) return;
  }
}

}  // namespace framebench
