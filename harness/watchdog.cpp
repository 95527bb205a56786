#include "harness/watchdog.hpp"

#include <chrono>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::harness {

Watchdog::Watchdog(double seconds) {
  if (!(seconds > 0 && seconds <= kMostSeconds))  // past it, the clock's nanoseconds overflow and the wait ends at once
    throw Error(fmt::format("a repetition's time limit of {} s is not from 0 to {:.0f} s", seconds, kMostSeconds));
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
