#include "harness/system_load.hpp"

#include <unistd.h>

#include <algorithm>
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

}  // namespace

LoadProbe::Ticks LoadProbe::read() {
  Ticks t;
  std::ifstream stat("/proc/stat");
  std::string line;
  if (std::getline(stat, line) && line.rfind("cpu ", 0) == 0) {
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    std::istringstream fields(line.substr(4));
    double v[8] = {};
    for (double& x : v) fields >> x;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    const double busy = v[0] + v[1] + v[2] + v[5] + v[6];
    t.busy_s = busy / tick;
    t.steal_s = v[7] / tick;
    t.total_s = (busy + v[3] + v[4] + v[7]) / tick;
  }
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
