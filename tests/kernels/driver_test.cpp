// What framebench says when the NVIDIA driver cannot serve its CUDA runtime.
#include <gtest/gtest.h>

#include "kernels/cuda/driver.hpp"

namespace framebench::kernels::cuda {
namespace {

TEST(CudaDriver, MissingDriverIsNamedAsSuchWithTheLoadersWords) {
  const DriverStatus none{false, "libcuda.so.1: cannot open shared object file: No such file or directory", 0};
  EXPECT_EQ(driver_problem(none, 13000),
            "no NVIDIA driver: libcuda.so.1 cannot be loaded (libcuda.so.1: cannot open shared object file: No such file or directory)");
}

TEST(CudaDriver, OldDriverGivesBothVersions) {
  EXPECT_EQ(driver_problem({true, "", 12020}, 13000),
            "NVIDIA driver too old: it supports CUDA 12.2, this build's runtime needs CUDA 13.0");
  EXPECT_EQ(driver_problem({true, "", 0}, 13000),
            "NVIDIA driver too old: it supports CUDA (unknown), this build's runtime needs CUDA 13.0");
}

TEST(CudaDriver, SameOrNewerDriverIsNoProblem) {
  EXPECT_EQ(driver_problem({true, "", 13000}, 13000), "");
  EXPECT_EQ(driver_problem({true, "", 13010}, 13000), "");
}

TEST(CudaDriver, VersionsReadAsMajorDotMinor) {
  EXPECT_EQ(cuda_version_text(13000), "13.0");
  EXPECT_EQ(cuda_version_text(12020), "12.2");
  EXPECT_EQ(cuda_version_text(11080), "11.8");
}

// On a machine without the driver (this project's build machines) the probe says why.
TEST(CudaDriver, ProbeOnThisMachine) {
  const DriverStatus here = probe_driver();
  if (here.loaded) {
    EXPECT_GT(here.cuda_version, 0) << "the driver answered cuDriverGetVersion with no version";
    GTEST_SKIP() << "an NVIDIA driver is installed here (CUDA " << cuda_version_text(here.cuda_version) << ")";
  }
  EXPECT_NE(here.load_error.find(kDriverLibrary), std::string::npos) << here.load_error;
  EXPECT_TRUE(driver_problem(here, 13000).starts_with("no NVIDIA driver: libcuda.so.1 cannot be loaded")) << driver_problem(here, 13000);
}

}  // namespace
}  // namespace framebench::kernels::cuda
