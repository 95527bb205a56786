#pragma once
// A per-repetition time limit. A strategy whose worker or ffmpeg child hangs (stopped, deadlocked,
// reading a pipe nobody writes) would hold the run for ever; past the limit the watchdog kills
// every child process and tells in-process strategies' frame loops to stop (core/interrupt.hpp),
// so the strategy fails at once and the case is reported as timed out.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace framebench::harness {

class Watchdog {
 public:
  explicit Watchdog(double seconds);
  ~Watchdog();  // stops watching
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool expired() const { return expired_; }

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool stopping_ = false;
  std::atomic<bool> expired_{false};
  std::thread thread_;
};

}  // namespace framebench::harness
