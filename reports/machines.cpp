#include "reports/machines.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace framebench::reports {

namespace {

struct Machine {
  // The CPU's name alone does not tell a KVM guest's AMD EPYC with AVX-512 from one without, whose
  // CPU kernels run other code (kernels/cpu/vector_isa.hpp).
  std::string host, cpus, cpu, isa, gpu;
  bool operator==(const Machine&) const = default;

  std::string details() const {
    std::string out;
    for (const auto& part : {cpus.empty() ? std::string() : cpus + " CPUs", cpu, isa, gpu})
      if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
    return out.empty() ? std::string("CPU and GPU not recorded") : out;
  }
};

Machine machine_of(const ResultFile& f) {
  const auto gpu = f.context_string("gpu_name");
  return {f.host().empty() ? std::string("unknown host") : f.host(), f.context_string("num_cpus"), f.context_string("cpu_model"),
          f.context_string("cpu_vector_isa"), gpu == "none" ? std::string() : gpu};
}

}  // namespace

std::vector<std::string> machine_names(const std::vector<ResultFile>& files) {
  std::vector<Machine> machines;
  for (const auto& f : files) machines.push_back(machine_of(f));
  std::vector<std::string> names;
  for (const auto& m : machines) {
    const bool name_shared = std::any_of(machines.begin(), machines.end(), [&](const Machine& other) { return other.host == m.host && other != m; });
    names.push_back(name_shared ? fmt::format("{} ({})", m.host, m.details()) : m.host);
  }
  return names;
}

}  // namespace framebench::reports
