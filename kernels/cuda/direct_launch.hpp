#pragma once
// Internal to the CUDA library: launchers for the direct kernels in direct.cu, and the
// constant-memory slots their taps live in.
#include <cuda_runtime_api.h>

#include <cstdint>
#include <vector>

#include "kernels/cuda/direct_body.hpp"

namespace framebench::kernels::cuda {

// Constant memory (64 KiB per module) holds the taps of kTapSlots kernels at once: a 2-D kernel
// uses size * size entries, a separable one its row then column factors (2 * size). Filters with
// equal taps share a slot. A slot is written with cudaMemcpyToSymbol on the legacy default
// stream, which waits for all earlier work on blocking streams (every Stream here is one) and
// orders all later work after the write, so no kernel ever reads a slot while it is rewritten.
inline constexpr int kTapSlots = 4;
inline constexpr int kMaxTaps = kMaxKernelSize * kMaxKernelSize;

class TapSlot {
 public:
  // Throws Error if all slots hold other kernels' taps.
  explicit TapSlot(const std::vector<std::int32_t>& taps);
  ~TapSlot();
  TapSlot(const TapSlot&) = delete;
  TapSlot& operator=(const TapSlot&) = delete;
  int index() const { return index_; }

 private:
  int index_;
};

// `count` frames; grid z walks the frames.
void launch_global(const BatchArgs& args, int count, const std::int32_t* device_taps, int size, cudaStream_t stream);
void launch_shared_2d(const BatchArgs& args, int count, int slot, int size, cudaStream_t stream);
// Output rows per thread for the separable kernel (1, 2 or 4): the most whose shared memory
// fits the current device's per-block limit. Also raises the kernel's dynamic shared memory limit.
int prepare_separable(int size);
void launch_separable(const BatchArgs& args, int count, int slot, int size, int rows_per_thread, cudaStream_t stream);

// cudaSuccess when the current device has code for these kernels (SASS or PTX it can JIT).
cudaError_t probe_kernel_image();

}  // namespace framebench::kernels::cuda
