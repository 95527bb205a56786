#pragma once
// The CUDA kernels by name, in every build: which algorithm each cuda-* implementation runs.
// Plain C++, no CUDA headers.
#include <span>
#include <string>

namespace framebench::kernels::cuda {

enum class Algorithm {
  global,     // direct 2-D convolution, every tap and pixel read from global memory
  shared,     // shared-memory tiles: separable two-pass for rank-one kernels, else shared_2d
  shared_2d,  // tile + halo in shared memory, taps in constant memory, one 2-D pass
  fft,        // cuFFT D2Z, pointwise product with the cached kernel spectrum, Z2D (double)
};

// A CUDA implementation as the kernel registry lists it.
struct Variant {
  const char* name;
  Algorithm algorithm;
  const char* description;
};

// cuda-global, cuda-shared, cuda-shared-2d and cuda-fft, one per algorithm.
std::span<const Variant> variants();

// The registry name of `algorithm`'s implementation.
std::string implementation_name(Algorithm algorithm);

// The algorithm of a cuda-* implementation; throws InputError naming the known ones otherwise.
Algorithm algorithm_named(const std::string& implementation);

}  // namespace framebench::kernels::cuda
