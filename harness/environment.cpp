#include "harness/environment.hpp"

#include <unistd.h>

#include <fstream>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <oneapi/tbb/version.h>

#include "core/core_budget.hpp"
#include "core/subprocess.hpp"
#include "framebench/version.hpp"
#include "harness/nvml.hpp"
#include "kernels/cpu/fft.hpp"
#include "kernels/cpu/opencv.hpp"
#include "kernels/cpu/vector_isa.hpp"
#include "kernels/cuda/front.hpp"
#include "media/convert.hpp"
#include "media/versions.hpp"
#include "strategies/strategy.hpp"

namespace framebench {

std::string framebench_version_string() { return fmt::format("{} (commit {})", kVersion, git_commit()); }

std::string build_text(std::string_view version, std::string_view commit, std::string_view build_type) {
  return fmt::format("{} (commit {}, {})", version, commit, build_type);
}

std::string this_build_text() { return build_text(kVersion, git_commit(), kBuildType); }

namespace harness {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
  }
  return "unknown";
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

namespace {
// GPU name, driver and CUDA version as nvidia-smi reports them; "none" without a GPU.
void add_gpu(Provenance& p) {
  std::string name = "none", driver = "none";
  try {
    // Bounded, as every tool found in PATH: a wedged driver can hold nvidia-smi for minutes.
    const auto bounded = run_capture_bounded({"nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader"},
                                             std::chrono::seconds(10), 64 * 1024);
    const RunResult& r = bounded.run;
    if (!bounded.cut_short && r.status.ok() && !r.out.empty()) {
      const auto line = r.out.substr(0, r.out.find('\n'));
      const auto comma = line.find(',');
      name = line.substr(0, comma);
      if (comma != std::string::npos) driver = line.substr(line.find_first_not_of(' ', comma + 1));
    }
  } catch (const std::exception&) {
    // No nvidia-smi: no NVIDIA GPU to speak of.
  }
  p.emplace_back("gpu_name", name);
  p.emplace_back("gpu_driver", driver);
}
}  // namespace

Provenance collect_environment() {
  Provenance p;
  p.emplace_back("framebench_schema", kResultSchema);
  p.emplace_back("framebench_version", kVersion);
  p.emplace_back("framebench_git_commit", git_commit());
  p.emplace_back("framebench_build_type", kBuildType);
  p.emplace_back("compiler", kCompiler);
  p.emplace_back("host", host_name());
  p.emplace_back("cpu_model", cpu_model());
  p.emplace_back("cpu_vector_isa", kernels::cpu_vector_isa());
  p.emplace_back("cpu_cores_available", std::to_string(CoreBudget::available()));
  add_gpu(p);
  p.emplace_back("cuda_version", kCudaVersion);
  const auto why_not = kernels::cuda::unavailable_reason();
  p.emplace_back("cuda_device", why_not.empty() ? "available" : fmt::format("unavailable: {}", why_not));
  const auto nvml_why_not = Nvml::unavailable_reason();
  p.emplace_back("gpu_monitor", nvml_why_not.empty() ? "nvml" : fmt::format("unavailable: {}", nvml_why_not));
  p.emplace_back("libav_versions", media::libav_versions());
  p.emplace_back("bgr_conversions", media::bgr_conversions());
  p.emplace_back("x264_version", media::x264_version());
  p.emplace_back("opencv_version", kernels::opencv_version());
  p.emplace_back("fftw_version", kernels::fftw_version());
  p.emplace_back("tbb_version", fmt::format("{} (runtime interface {})", TBB_VERSION_STRING, TBB_runtime_interface_version()));
  return p;
}

}  // namespace harness
}  // namespace framebench
