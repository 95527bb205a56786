#include "harness/watchdog.hpp"

#include <chrono>

#include "core/interrupt.hpp"

namespace framebench::harness {

Watchdog::Watchdog(double seconds) {
  thread_ = std::thread([this, seconds] {
    std::unique_lock lock(mutex_);
    if (!done_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return stopping_; })) {
      expired_ = true;
      set_job_time_limit_passed(true);  // in-process strategies stop at their next frame
      kill_children();
    }
  });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  done_.notify_one();
  thread_.join();
  set_job_time_limit_passed(false);
}

}  // namespace framebench::harness
