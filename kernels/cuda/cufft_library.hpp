#pragma once
// Internal to the CUDA library: cuFFT, opened at run time from the CUDA toolkit the machine has
// (libcufft is 280 MB, too big to carry, and a binary that needs it at start could not even list
// its strategies on a machine without the toolkit). The functions keep cufft.h's own types.
#include <cufft.h>

namespace framebench::kernels::cuda {

struct CufftLibrary {
  decltype(&::cufftCreate) create = nullptr;
  decltype(&::cufftDestroy) destroy = nullptr;
  decltype(&::cufftSetAutoAllocation) set_auto_allocation = nullptr;
  decltype(&::cufftMakePlanMany64) make_plan_many64 = nullptr;
  decltype(&::cufftSetWorkArea) set_work_area = nullptr;
  decltype(&::cufftSetStream) set_stream = nullptr;
  decltype(&::cufftExecD2Z) exec_d2z = nullptr;
  decltype(&::cufftExecZ2D) exec_z2d = nullptr;
};

// libcufft.so.<CUFFT_VER_MAJOR>, opened once; throws Error naming the library and the loader's
// words when it cannot be opened or lacks a function.
const CufftLibrary& cufft();

}  // namespace framebench::kernels::cuda
