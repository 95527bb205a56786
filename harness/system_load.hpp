#pragma once
// What else the machine was doing while a repetition ran: the CPU time of other processes (the
// busy time, from /proc/stat, of the CPUs the run may use, minus ours and our children's), steal
// time on virtual machines, and thermal throttling events where the kernel counts them.
#include <cstdint>

namespace framebench::harness {

struct LoadShares {
  double others_cpu = 0;  // other processes' share of the run's CPUs' time, 0..1
  double steal = 0;       // time the hypervisor gave to other guests, share of the run's CPUs' time
  std::int64_t throttle_events = 0;  // thermal throttling events counted by the kernel
};

// Brackets one repetition: start() before it, finish() after with the CPU seconds that our
// process and its children used meanwhile.
class LoadProbe {
 public:
  void start();
  LoadShares finish(double our_cpu_s) const;

 private:
  struct Ticks {
    double busy_s = 0, steal_s = 0, total_s = 0;
    std::int64_t throttle_events = 0;
  };
  static Ticks read();
  Ticks start_;
};

}  // namespace framebench::harness
