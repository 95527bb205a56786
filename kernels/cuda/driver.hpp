#pragma once
// The NVIDIA driver as this machine has it, seen without the CUDA runtime: the runtime reports
// a missing driver as "CUDA driver version is insufficient", which sends a reader looking for an
// upgrade on a machine that has no NVIDIA driver at all. Plain C++, in every build.
#include <string>

namespace framebench::kernels::cuda {

// The driver's soname; the CUDA runtime loads the same one.
inline constexpr const char* kDriverLibrary = "libcuda.so.1";

struct DriverStatus {
  bool loaded = false;
  std::string load_error;  // dlerror's text when not loaded
  int cuda_version = 0;    // the newest CUDA the driver supports, as 1000 * major + 10 * minor
};

// Opens libcuda.so.1 and asks it (cuDriverGetVersion) which CUDA it supports.
DriverStatus probe_driver();

// Empty when the driver can serve a runtime of `runtime_version` (same encoding); otherwise
// "no NVIDIA driver: ..." or "NVIDIA driver too old: ..." with both versions.
std::string driver_problem(const DriverStatus& driver, int runtime_version);

// 13000 -> "13.0", 12020 -> "12.2".
std::string cuda_version_text(int version);

}  // namespace framebench::kernels::cuda
