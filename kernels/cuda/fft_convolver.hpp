#pragma once
// Internal to the CUDA library: cuda-fft for one kernel and frame size. The cuFFT plans and the
// kernel's spectrum are made once, here, and reused by every run() (remaking plans per call has
// been measured to cost 25x). Frames are transformed in chunks of up to chunk_frames() frames
// (3 planes each), batched in one cuFFT call per direction.
#include <cuda_runtime_api.h>
#include <cufft.h>

#include <map>

#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/direct_body.hpp"
#include "kernels/cuda/fft_layout.hpp"

namespace framebench::kernels::cuda {

class FftConvolver {
 public:
  FftConvolver(const KernelSpec& kernel, int width, int height, int max_frames);
  FftConvolver(const FftConvolver&) = delete;
  FftConvolver& operator=(const FftConvolver&) = delete;

  void run(const BatchArgs& args, int count, cudaStream_t stream);
  int chunk_frames() const { return chunk_frames_; }
  const FftLayout& layout() const { return layout_; }

 private:
  class Plan {
   public:
    Plan();
    ~Plan();
    Plan(const Plan&) = delete;
    Plan& operator=(const Plan&) = delete;
    cufftHandle handle = 0;
  };
  // A forward (D2Z) and inverse (Z2D) in-place plan for `planes` planes, sharing one work area.
  struct PlanPair {
    PlanPair(const FftLayout& l, int planes);
    Plan forward, inverse;
    DeviceBuffer<char> work;
  };
  PlanPair& plans_for(int frames);

  FftLayout layout_;
  int chunk_frames_;
  DeviceBuffer<double> planes_;    // chunk_frames_ * 3 in-place planes
  DeviceBuffer<double> spectrum_;  // FFT(g) / (nx * ny), plane_complex() complex values
  std::map<int, PlanPair> plans_;  // by frames per chunk: the full chunk and a last, shorter one
};

}  // namespace framebench::kernels::cuda
