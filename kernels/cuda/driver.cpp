#include "kernels/cuda/driver.hpp"

#include <fmt/format.h>

#include "core/shared_library.hpp"

namespace framebench::kernels::cuda {

DriverStatus probe_driver() {
  DriverStatus status;
  const SharedLibrary driver(kDriverLibrary);
  if (!driver.loaded()) {
    status.load_error = driver.error();
    return status;
  }
  status.loaded = true;
  // CUresult cuDriverGetVersion(int*): CUresult is an enum whose success value is 0.
  using GetVersion = int (*)(int*);
  if (const auto get_version = driver.function<GetVersion>("cuDriverGetVersion"); get_version != nullptr)
    if (get_version(&status.cuda_version) != 0) status.cuda_version = 0;
  return status;
}

std::string driver_problem(const DriverStatus& driver, int runtime_version) {
  if (!driver.loaded) return fmt::format("no NVIDIA driver: {} cannot be loaded ({})", kDriverLibrary, driver.load_error);
  if (driver.cuda_version < runtime_version)
    return fmt::format("NVIDIA driver too old: it supports CUDA {}, this build's runtime needs CUDA {}",
                       driver.cuda_version > 0 ? cuda_version_text(driver.cuda_version) : "(unknown)",
                       cuda_version_text(runtime_version));
  return {};
}

std::string cuda_version_text(int version) { return fmt::format("{}.{}", version / 1000, version % 1000 / 10); }

}  // namespace framebench::kernels::cuda
