#include "kernels/cuda/fft_convolver.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "kernels/cuda/cufft_library.hpp"
#include "kernels/cuda/fft_launch.hpp"

namespace framebench::kernels::cuda {

FftConvolver::Plan::Plan() { FRAMEBENCH_CUDA_CHECK(cufft().create(&handle)); }
FftConvolver::Plan::~Plan() { cufft().destroy(handle); }

FftConvolver::PlanPair::PlanPair(const FftLayout& l, int planes) {
  long long n[2] = {l.ny, l.nx};
  long long real_embed[2] = {l.ny, l.real_row};
  long long complex_embed[2] = {l.ny, l.complex_row()};
  const auto real_dist = static_cast<long long>(l.plane_doubles());
  const auto complex_dist = static_cast<long long>(l.plane_complex());
  std::size_t forward_work = 0, inverse_work = 0;
  // We hand both plans one work area: they never run at the same time.
  FRAMEBENCH_CUDA_CHECK(cufft().set_auto_allocation(forward.handle, 0));
  FRAMEBENCH_CUDA_CHECK(cufft().set_auto_allocation(inverse.handle, 0));
  FRAMEBENCH_CUDA_CHECK(cufft().make_plan_many64(forward.handle, 2, n, real_embed, 1, real_dist, complex_embed, 1, complex_dist,
                                            CUFFT_D2Z, planes, &forward_work));
  FRAMEBENCH_CUDA_CHECK(cufft().make_plan_many64(inverse.handle, 2, n, complex_embed, 1, complex_dist, real_embed, 1, real_dist,
                                            CUFFT_Z2D, planes, &inverse_work));
  work = DeviceBuffer<char>(std::max<std::size_t>({forward_work, inverse_work, 1}));
  FRAMEBENCH_CUDA_CHECK(cufft().set_work_area(forward.handle, work.get()));
  FRAMEBENCH_CUDA_CHECK(cufft().set_work_area(inverse.handle, work.get()));
}

FftConvolver::FftConvolver(const KernelSpec& kernel, int width, int height, int max_frames)
    : layout_(make_fft_layout(width, height, kernel.size)) {
  // Planes for one frame, in bytes; cuFFT's work area is of the same order, so a chunk's planes
  // get a quarter of the free memory, leaving room for the work area and other users.
  const std::size_t frame_bytes = 3 * layout_.plane_doubles() * sizeof(double);
  std::size_t free_bytes = 0, total_bytes = 0;
  FRAMEBENCH_CUDA_CHECK(cudaMemGetInfo(&free_bytes, &total_bytes));
  chunk_frames_ = static_cast<int>(std::clamp<std::size_t>(free_bytes / 4 / frame_bytes, 1, static_cast<std::size_t>(std::max(1, max_frames))));
  planes_ = DeviceBuffer<double>(3 * static_cast<std::size_t>(chunk_frames_) * layout_.plane_doubles());

  // The kernel's spectrum, once: g in the in-place layout, transformed where it lies.
  const auto g = kernel_image(kernel, layout_, 1.0 / (static_cast<double>(layout_.nx) * layout_.ny));
  DeviceBuffer<double> spectrum(g.size());
  FRAMEBENCH_CUDA_CHECK(cudaMemcpy(spectrum.get(), g.data(), g.size() * sizeof(double), cudaMemcpyHostToDevice));
  {
    PlanPair single(layout_, 1);
    FRAMEBENCH_CUDA_CHECK(cufft().exec_d2z(single.forward.handle, spectrum.get(), reinterpret_cast<cufftDoubleComplex*>(spectrum.get())));
    // The plan ran on the legacy default stream; wait before its work area goes.
    FRAMEBENCH_CUDA_CHECK(cudaStreamSynchronize(nullptr));
  }
  spectrum_ = std::move(spectrum);
  plans_for(chunk_frames_);  // the main plans now, not inside the first timed run
}

FftConvolver::PlanPair& FftConvolver::plans_for(int frames) {
  auto it = plans_.find(frames);
  if (it == plans_.end()) it = plans_.try_emplace(frames, layout_, 3 * frames).first;
  return it->second;
}

void FftConvolver::run(const BatchArgs& args, int count, cudaStream_t stream) {
  for (int first = 0; first < count; first += chunk_frames_) {
    const int n = std::min(chunk_frames_, count - first);
    BatchArgs a = args;
    a.in += static_cast<std::size_t>(first) * args.frame_bytes;
    a.out += static_cast<std::size_t>(first) * args.frame_bytes;
    PlanPair& plans = plans_for(n);
    FRAMEBENCH_CUDA_CHECK(cufft().set_stream(plans.forward.handle, stream));
    FRAMEBENCH_CUDA_CHECK(cufft().set_stream(plans.inverse.handle, stream));
    double* planes = planes_.get();
    auto* spectra = reinterpret_cast<cufftDoubleComplex*>(planes);
    launch_fft_pad(a, n, layout_, planes, stream);
    FRAMEBENCH_CUDA_CHECK(cufft().exec_d2z(plans.forward.handle, planes, spectra));
    launch_fft_multiply(planes, spectrum_.get(), 3 * n, layout_, stream);
    FRAMEBENCH_CUDA_CHECK(cufft().exec_z2d(plans.inverse.handle, spectra, planes));
    launch_fft_crop(a, n, layout_, planes, stream);
  }
}

}  // namespace framebench::kernels::cuda
