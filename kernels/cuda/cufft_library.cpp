#include "kernels/cuda/cufft_library.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"

namespace framebench::kernels::cuda {

namespace {

template <typename F>
void bind(const SharedLibrary& library, F& function, const char* name) {
  function = library.function<F>(name);
  if (function == nullptr) throw Error(fmt::format("cuFFT: {} has no {}", library.soname(), name));
}

CufftLibrary open_cufft() {
  // Kept open for the life of the process: plans made through it live as long.
  static const SharedLibrary library(fmt::format("libcufft.so.{}", CUFFT_VER_MAJOR));
  if (!library.loaded())
    throw Error(fmt::format("cuFFT: {} cannot be loaded ({}); cuda-fft needs the CUDA toolkit's libraries on the loader's path",
                            library.soname(), library.error()));
  CufftLibrary f;
  bind(library, f.create, "cufftCreate");
  bind(library, f.destroy, "cufftDestroy");
  bind(library, f.set_auto_allocation, "cufftSetAutoAllocation");
  bind(library, f.make_plan_many64, "cufftMakePlanMany64");
  bind(library, f.set_work_area, "cufftSetWorkArea");
  bind(library, f.set_stream, "cufftSetStream");
  bind(library, f.exec_d2z, "cufftExecD2Z");
  bind(library, f.exec_z2d, "cufftExecZ2D");
  return f;
}

}  // namespace

const CufftLibrary& cufft() {
  static const CufftLibrary library = open_cufft();
  return library;
}

}  // namespace framebench::kernels::cuda
