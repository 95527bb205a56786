#pragma once
// The state of the machine before a run, recorded in the results' context and warned about when
// it can skew timings: load average, CPU frequency governor, turbo/boost, available memory.
#include <string>
#include <string_view>
#include <vector>

#include "core/resource_usage.hpp"
#include "core/stopwatch.hpp"
#include "harness/environment.hpp"
#include "harness/system_load.hpp"

namespace framebench::harness {

struct MachineState {
  double load_average_1m = 0;           // recorded; it lags, so a run just before still counts in it
  double others_cpu_before = 0;         // other processes' share of the run's CPUs while the run prepared and warmed up (>= 0.5 s)
  std::string governor = "not exposed";  // scaling_governor of the CPUs we may use ("a, b" if mixed)
  std::string boost = "not exposed";     // "on" / "off" where the kernel says
  double memory_available_bytes = 0;
  int cores = 0;                         // CoreBudget::available()
  std::string cpus;                      // the CPU list this process may use, e.g. "0-3"

  Provenance context() const;
  // One line per condition worth knowing before reading the figures; empty when none. `moment`
  // says when the others' share was sampled.
  std::vector<std::string> warnings(std::string_view moment = "as the run began") const;
};

// Samples the machine while the run prepares (cases, datasets) and warms up, up to its first
// timed repetition, so that the half second the other processes' CPU share needs is not added to
// the user's wait. Constructed, it reads what is read at once (load average, governor, memory:
// before our own work moves them) and starts counting; finish() sleeps out what is left of the
// half second and subtracts our own CPU time meanwhile (children included: the warm-ups' have
// been waited for by then). Others still get a share while a warm-up keeps every core busy, so
// a busy machine shows; its share is then smaller than it would be idle.
class MachineStateSample {
 public:
  MachineStateSample();
  MachineState finish() const;

 private:
  MachineState state_;
  LoadProbe probe_;
  ResourceSample ours_;
  Stopwatch watch_;
};

// "0-3,6" for the CPUs in this process's affinity mask.
std::string affinity_list();
// Pins this process (and the children it starts later) to the CPUs in `list` ("0-3,6"); InputError
// naming the list if it is malformed or names no CPU this machine has.
void pin_to_cpus(const std::string& list);

}  // namespace framebench::harness
