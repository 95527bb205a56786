#pragma once
// FFTW plans for cpu-fft, made once per tile shape and shared by every filter of the process.
// FFTW's planner is not thread-safe (only executing a plan is), so plans are made under one lock;
// filters then run them on their own buffers through FFTW's new-array calls, which are.
#include <fftw3.h>

#include <memory>

namespace framebench::kernels {

// The forward and inverse complex transforms of one th x tw tile, in place (unnormalised).
struct TilePlans {
  fftwf_plan forward = nullptr;
  fftwf_plan inverse = nullptr;
};

// The plans for a th x tw tile, made on first use (FFTW_MEASURE for tiles of 64x64 and up,
// where measuring pays: 16-40% faster transforms here; FFTW_ESTIMATE for small ones, whose
// measuring would cost more than it saves). The plans live as long as the process. Buffers passed to them must
// come from make_complex_buffer (FFTW's alignment).
const TilePlans& tile_plans(int th, int tw);

// A buffer with FFTW's SIMD alignment.
template <typename T>
struct FftwFree {
  void operator()(T* p) const { fftwf_free(p); }
};
using ComplexBuffer = std::unique_ptr<fftwf_complex[], FftwFree<fftwf_complex>>;
ComplexBuffer make_complex_buffer(std::size_t n);

}  // namespace framebench::kernels
