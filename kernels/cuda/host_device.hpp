#pragma once
// Kernel bodies are written once as functions of (block, thread) indices and compiled both by
// nvcc for the device and by the host compiler, so tests can run the very same code on the CPU
// by walking a grid block by block (tests/gpu/emulated_kernels_test.cpp).
#include <cstdint>
#include <cstring>

#if defined(__CUDACC__)
#define FRAMEBENCH_HD __host__ __device__ __forceinline__
#else
#define FRAMEBENCH_HD inline
#endif

namespace framebench::kernels::cuda {

// 16 bytes, both sides 16-byte aligned: one 128-bit load and store on the device.
FRAMEBENCH_HD void copy16(std::uint8_t* dst, const std::uint8_t* src) {
#if defined(__CUDA_ARCH__)
  *reinterpret_cast<uint4*>(dst) = *reinterpret_cast<const uint4*>(src);
#else
  std::memcpy(dst, src, 16);
#endif
}

// Taps read through a plain pointer (global memory on the device, a vector on the host).
struct PointerTaps {
  const std::int32_t* taps;
  FRAMEBENCH_HD std::int32_t operator()(int i) const { return taps[i]; }
};

}  // namespace framebench::kernels::cuda
