#include "harness/machine_state.hpp"

#include <sched.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"

namespace framebench::harness {

namespace {

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string governors() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return "not exposed";
  std::set<std::string> seen;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &set))
      if (auto g = first_line(fmt::format("/sys/devices/system/cpu/cpu{}/cpufreq/scaling_governor", cpu)); !g.empty()) seen.insert(g);
  return seen.empty() ? "not exposed" : fmt::format("{}", fmt::join(seen, ", "));
}

std::string boost_state() {
  if (auto b = first_line("/sys/devices/system/cpu/cpufreq/boost"); !b.empty()) return b == "1" ? "on" : "off";
  if (auto t = first_line("/sys/devices/system/cpu/intel_pstate/no_turbo"); !t.empty()) return t == "1" ? "off" : "on";
  return "not exposed";
}

double mem_available_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return 0;
}

}  // namespace

MachineStateSample::MachineStateSample() {
  std::ifstream("/proc/loadavg") >> state_.load_average_1m;
  state_.governor = governors();
  state_.boost = boost_state();
  state_.memory_available_bytes = mem_available_bytes();
  state_.cores = CoreBudget::available();
  state_.cpus = affinity_list();
  probe_.start();
  ours_ = sample_resources();
}

MachineState MachineStateSample::finish() const {
  constexpr double kMinimumSample_s = 0.5;
  if (const double left = kMinimumSample_s - watch_.seconds(); left > 0)
    std::this_thread::sleep_for(std::chrono::duration<double>(left));
  const ResourceSample now = sample_resources();
  const double our_cpu_s = (now.self_cpu_s - ours_.self_cpu_s) + (now.children_cpu_s - ours_.children_cpu_s);
  MachineState m = state_;
  m.others_cpu_before = probe_.finish(our_cpu_s).others_cpu;
  return m;
}

Provenance MachineState::context() const {
  return {{"load_average_1m_before", fmt::format("{:.2f}", load_average_1m)},
          {"cpu_governor", governor},
          {"cpu_boost", boost},
          {"others_cpu_share_before", fmt::format("{:.3f}", others_cpu_before)},
          {"memory_available_bytes_before", fmt::format("{:.0f}", memory_available_bytes)},
          {"cpus", cpus}};
}

std::vector<std::string> MachineState::warnings(std::string_view moment) const {
  std::vector<std::string> out;
  if (others_cpu_before > 0.10)
    out.push_back(fmt::format("other processes used {:.0f}% of the CPUs {} (load average {:.2f} on {} cores): "
                              "other work may slow every case",
                              100 * others_cpu_before, moment, load_average_1m, cores));
  if (governor != "not exposed" && governor != "performance")
    out.push_back(fmt::format("CPU frequency governor '{}': clocks may change during the run (set 'performance' for stable figures)", governor));
  if (boost == "on") out.push_back("turbo/boost is on: clocks depend on temperature and load, so figures vary more");
  return out;
}

std::string affinity_list() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) != 0) return "?";
  std::vector<std::string> ranges;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &set)) continue;
    int last = cpu;
    while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set)) ++last;
    ranges.push_back(last > cpu ? fmt::format("{}-{}", cpu, last) : std::to_string(cpu));
    cpu = last;
  }
  return fmt::format("{}", fmt::join(ranges, ","));
}

void pin_to_cpus(const std::string& list) {
  const auto bad = [&](const std::string& why) { return InputError(fmt::format("--cpus '{}': {}", list, why)); };
  const char* shape = "expected CPU numbers and ranges such as 0-3,6";
  // Digits alone: no spaces, signs or empty parts (" 0", "+1", "-0" and "0," were taken: found
  // 5 December 2026 by a hostile-input sweep).
  const auto number = [&](std::string_view text) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || text.front() < '0' || text.front() > '9' || end != text.data() + text.size()) throw bad(shape);
    if (ec == std::errc::result_out_of_range) throw bad(fmt::format("CPU {} is beyond what this system can address", text));
    if (ec != std::errc()) throw bad(shape);
    return v;
  };
  cpu_set_t set;
  CPU_ZERO(&set);
  for (std::string_view rest = list;;) {
    const auto comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    const auto dash = part.find('-');
    const int first = number(part.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (last < first) throw bad(shape);
    if (last >= CPU_SETSIZE) throw bad(fmt::format("CPU {} is beyond what this system can address", last));
    for (int cpu = first; cpu <= last; ++cpu) CPU_SET(cpu, &set);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  if (CPU_COUNT(&set) == 0) throw bad("names no CPU");
  if (sched_setaffinity(0, sizeof set, &set) != 0) throw bad("this machine does not have (or does not allow) those CPUs");
  // The kernel grants the part of the set the process's cpuset allows, silently: read it back.
  cpu_set_t granted;
  if (sched_getaffinity(0, sizeof granted, &granted) == 0)
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
      if (CPU_ISSET(cpu, &set) && !CPU_ISSET(cpu, &granted))
        throw bad(fmt::format("CPU {} is not one this process may use (it was granted {} of them)", cpu, CPU_COUNT(&granted)));
}

}  // namespace framebench::harness
