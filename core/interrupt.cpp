#include "core/interrupt.hpp"

#include <signal.h>
#include <string.h>

#include <array>
#include <atomic>

#include <fmt/format.h>

namespace framebench {

namespace {

std::atomic<int> received{0};
// Slots of running children; the handler may only touch lock-free atomics.
std::array<std::atomic<pid_t>, 512> children{};
struct sigaction previous_int, previous_term;

void on_signal(int sig) {
  if (received.exchange(sig) != 0) {
    // The second one: the user means it. Default action, at once.
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
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, &previous_int);
  ::sigaction(SIGTERM, &action, &previous_term);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &previous_int, nullptr);
  ::sigaction(SIGTERM, &previous_term, nullptr);
}

int interrupt_signal() { return received.load(); }

void throw_if_interrupted() {
  if (const int sig = interrupt_signal()) throw Interrupted(sig);
}

Interrupted::Interrupted(int signal) : Error(fmt::format("interrupted by signal {} ({})", signal, ::strsignal(signal))), signal_(signal) {}

void register_child(pid_t pid) {
  for (auto& slot : children) {
    pid_t empty = 0;
    if (slot.compare_exchange_strong(empty, pid)) return;
  }
  // More than 512 at once: that child is not stopped early, only reaped when its owner goes.
}

void unregister_child(pid_t pid) {
  for (auto& slot : children) {
    pid_t mine = pid;
    if (slot.compare_exchange_strong(mine, 0)) return;
  }
}

}  // namespace framebench
