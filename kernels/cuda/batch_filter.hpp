#pragma once
// A kernel prepared on the GPU for frames of one size: filters batches of device-resident
// frames asynchronously on a stream. Plain C++; only built with CUDA.
#include <memory>
#include <string>

#include "kernels/cuda/algorithm.hpp"
#include "kernels/cuda/buffers.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels::cuda {

class BatchFilter {
 public:
  // Prepares taps, constant memory, and for fft the plans and kernel spectrum, for up to
  // `max_frames` frames per run(). Throws Error naming the CUDA call that failed.
  BatchFilter(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int max_frames);
  ~BatchFilter();
  BatchFilter(const BatchFilter&) = delete;
  BatchFilter& operator=(const BatchFilter&) = delete;

  // What runs: `shared` resolves to separable or shared_2d here.
  std::string description() const;

  // Enqueues filtering of the first `count` frames of `in` into `out` on `stream` and returns.
  // `in` and `out` have this filter's size; one BatchFilter is used by one stream at a time.
  void run(const DeviceFrames& in, DeviceFrames& out, int count, Stream& stream);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::kernels::cuda
