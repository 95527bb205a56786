#pragma once
// Ctrl-C and SIGTERM during a long run: the first one is recorded, every child process still
// running is killed (so that a strategy waiting on its workers or ffmpeg fails at once), and the
// program finishes what it can keep (results of completed repetitions) and cleans up by RAII on
// the way out; a second one, half a second or more after the first, ends the process at once
// (sooner, it is the first delivered again: `timeout` and a terminal's process group do that).
// Exit status 128 + the signal.
#include <sys/types.h>

#include <string>

#include "core/error.hpp"

namespace framebench {

// Installs the handlers for the lifetime of the guard (one at a time).
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

// The signal received since the guard was installed, or 0.
int interrupt_signal();
// Throws Interrupted if a signal was received, unless work that finishes despite one is under way.
void throw_if_interrupted();

// While one lives, on any thread, throw_if_interrupted does not throw: for work the program keeps
// going after a first signal (the check of a round's completed repetitions), whose inner loops
// look for Ctrl-C on worker threads too (a filter stops at its next row). A second signal still
// ends the process at once.
class FinishingDespiteSignals {
 public:
  FinishingDespiteSignals();
  ~FinishingDespiteSignals();
  FinishingDespiteSignals(const FinishingDespiteSignals&) = delete;
  FinishingDespiteSignals& operator=(const FinishingDespiteSignals&) = delete;
};
// Whether a signal came and no FinishingDespiteSignals is alive: what throw_if_interrupted throws
// for, for loops that give up rather than throw (an MPI send or receive in flight).
bool stopping_for_signal();
// Whether a signal came or the job in progress has passed its time limit: work not yet started
// should not start (a retry, another segment), and a child started now is killed at once.
bool stop_requested();
// The same as throw_if_interrupted, and Error once the job in progress has passed its time limit
// (set_job_time_limit_passed). In-process strategies' frame loops call it: stopping there leaves
// nothing half-done, unlike stopping an exchange with MPI ranks, which the run would go on past.
void throw_if_stopped();
// Set by the time limit on a job (harness::Watchdog), which kills child processes too; an
// in-process strategy has none, and ran on past the limit (found 5 December 2026 by a
// hostile-input sweep: `--timeout 0.002` failed no case).
void set_job_time_limit_passed(bool passed);

// The exception that carries the interruption to the command line, which exits 128 + signal and
// says what the command left, where it knows (`outcome`: "r.json holds the repetitions completed").
class Interrupted : public Error {
 public:
  explicit Interrupted(int signal, std::string outcome = {});
  int signal() const { return signal_; }
  const std::string& outcome() const { return outcome_; }

 private:
  int signal_;
  std::string outcome_;
};

// Children the handler must stop (Subprocess registers every child it starts).
void register_child(pid_t pid);
void unregister_child(pid_t pid);
// Kills every registered child (the handler's way, also used by timeouts); async-signal-safe.
void kill_children();

}  // namespace framebench
