#include "kernels/cuda/cufft_library.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"

namespace framebench::kernels::cuda {

namespace {

CufftLibrary open_cufft() {
  // Kept open for the life of the process: plans made through it live as long.
  static const SharedLibrary library(fmt::format("libcufft.so.{}", CUFFT_VER_MAJOR));
  if (!library.loaded())
    throw Error(fmt::format("cuFFT: {} cannot be loaded ({}); cuda-fft needs the CUDA toolkit's libraries on the loader's path",
                            library.soname(), library.error()));
  CufftLibrary f;
  library.bind(f.create, "cufftCreate");
  library.bind(f.destroy, "cufftDestroy");
  library.bind(f.set_auto_allocation, "cufftSetAutoAllocation");
  library.bind(f.make_plan_many64, "cufftMakePlanMany64");
  library.bind(f.set_work_area, "cufftSetWorkArea");
  library.bind(f.set_stream, "cufftSetStream");
  library.bind(f.exec_d2z, "cufftExecD2Z");
  library.bind(f.exec_z2d, "cufftExecZ2D");
  return f;
}

}  // namespace

const CufftLibrary& cufft() {
  static const CufftLibrary library = open_cufft();
  return library;
}

}  // namespace framebench::kernels::cuda
