#pragma once
// CPU time of this process and its reaped children, and peak resident memory, sampled around a
// run. Google Benchmark's process CPU time ignores children, so we measure it ourselves.
#include <cstdint>

namespace framebench {

struct ResourceSample {
  double self_cpu_s = 0;      // user + system, this process
  double children_cpu_s = 0;  // user + system, reaped children
};

ResourceSample sample_resources();

// Resets this process's high-water RSS mark (Linux clear_refs) so peak_rss_bytes() covers only
// what follows. Returns false where the kernel does not allow it.
bool reset_peak_rss();
std::int64_t peak_rss_bytes();  // VmHWM of this process

}  // namespace framebench
