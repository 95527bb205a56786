#include "harness/system_load.hpp"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace framebench::harness {

namespace {

// Sum of the per-core thermal throttle counters (x86 with the thermal driver; 0 elsewhere).
std::int64_t throttle_events() {
  std::int64_t sum = 0;
  std::error_code ec;
  for (const auto& cpu : std::filesystem::directory_iterator("/sys/devices/system/cpu", ec)) {
    std::ifstream in(cpu.path() / "thermal_throttle" / "core_throttle_count");
    std::int64_t n = 0;
    if (in >> n) sum += n;
  }
  return sum;
}

// Whether this process may run on CPU `n` (`--cpus` pins it); every CPU when that cannot be read.
bool may_run_on(const cpu_set_t* allowed, long n) {
  return !allowed || n >= CPU_SETSIZE || CPU_ISSET(static_cast<int>(n), allowed);
}

}  // namespace

LoadProbe::Ticks LoadProbe::read() {
  cpu_set_t set;
  const cpu_set_t* allowed = sched_getaffinity(0, sizeof set, &set) == 0 ? &set : nullptr;
  double v[8] = {};  // user nice system idle iowait irq softirq steal (guest time is already in user)
  std::ifstream stat("/proc/stat");
  for (std::string line; std::getline(stat, line) && line.rfind("cpu", 0) == 0;) {
    // "cpuN ...": only the CPUs the run may use, so that work elsewhere does not count against it
    // and work on them is not diluted by CPUs it may not use. (The first line, "cpu ", sums all.)
    if (line.size() < 4 || !std::isdigit(static_cast<unsigned char>(line[3]))) continue;
    char* end = nullptr;
    const long n = std::strtol(line.c_str() + 3, &end, 10);
    if (!may_run_on(allowed, n)) continue;
    std::istringstream fields(end);
    for (double& total : v) {
      double x = 0;
      fields >> x;
      total += x;
    }
  }
  Ticks t;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double busy = v[0] + v[1] + v[2] + v[5] + v[6];
  t.busy_s = busy / tick;
  t.steal_s = v[7] / tick;
  t.total_s = (busy + v[3] + v[4] + v[7]) / tick;
  t.throttle_events = throttle_events();
  return t;
}

void LoadProbe::start() { start_ = read(); }

LoadShares LoadProbe::finish(double our_cpu_s) const {
  const Ticks end = read();
  LoadShares s;
  const double total = end.total_s - start_.total_s;
  if (total > 0) {
    s.others_cpu = std::clamp((end.busy_s - start_.busy_s - our_cpu_s) / total, 0.0, 1.0);
    s.steal = std::clamp((end.steal_s - start_.steal_s) / total, 0.0, 1.0);
  }
  s.throttle_events = end.throttle_events - start_.throttle_events;
  return s;
}

}  // namespace framebench::harness
