#pragma once
// A per-repetition time limit. A strategy whose worker or ffmpeg child hangs (stopped, deadlocked,
// reading a pipe nobody writes) would hold the run for ever; past the limit the watchdog kills
// every child process and tells the in-process frame loops to stop (throw_if_stopped in
// core/interrupt.hpp), so the strategy fails at once and the case is reported as timed out; one
// that does not look (the CUDA strategies) fails once done.
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
