#include "kernels/cuda/batch_filter.hpp"

#include <climits>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cuda/check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/direct_launch.hpp"
#include "kernels/cuda/fft_convolver.hpp"

namespace framebench::kernels::cuda {

struct BatchFilter::Impl {
  enum class Path { global, shared_2d, separable, fft } path = Path::global;
  int size = 0, width = 0, height = 0;
  std::string description;
  DeviceBuffer<std::int32_t> global_taps;
  std::optional<TapSlot> slot;
  int separable_rows = 0;
  std::optional<FftConvolver> fft;
};

BatchFilter::BatchFilter(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int max_frames)
    : impl_(std::make_unique<Impl>()) {
  if (kernel.size < 1 || kernel.size > kMaxKernelSize || kernel.size % 2 == 0 ||
      kernel.taps.size() != static_cast<std::size_t>(kernel.size) * kernel.size)
    throw Error(fmt::format("CUDA filter: kernel '{}' is not a valid odd square kernel", kernel.name));
  if (width < 1 || height < 1 || max_frames < 1 || static_cast<long long>(frame_pitch(width)) * height > INT_MAX)
    throw Error(fmt::format("CUDA filter: cannot prepare {} frames of {}x{}", max_frames, width, height));
  auto& d = *impl_;
  d.size = kernel.size;
  d.width = width;
  d.height = height;
  switch (algorithm) {
    case Algorithm::global:
      d.path = Impl::Path::global;
      d.global_taps = DeviceBuffer<std::int32_t>(kernel.taps.size());
      FRAMEBENCH_CUDA_CHECK(cudaMemcpy(d.global_taps.get(), kernel.taps.data(), d.global_taps.bytes(), cudaMemcpyHostToDevice));
      d.description = "direct 2-D, global memory";
      break;
    case Algorithm::shared:
      if (kernel.separable) {
        d.path = Impl::Path::separable;
        std::vector<std::int32_t> factors = kernel.separable->row;
        factors.insert(factors.end(), kernel.separable->column.begin(), kernel.separable->column.end());
        d.slot.emplace(factors);
        d.separable_rows = prepare_separable(kernel.size);
        d.description = fmt::format("separable two passes in shared memory, {}x{} tiles", kTileWidth, kBlockY * d.separable_rows);
        break;
      }
      [[fallthrough]];
    case Algorithm::shared_2d:
      d.path = Impl::Path::shared_2d;
      d.slot.emplace(kernel.taps);
      d.description = "2-D tiles in shared memory, taps in constant memory";
      break;
    case Algorithm::fft:
      d.path = Impl::Path::fft;
      d.fft.emplace(kernel, width, height, max_frames);
      d.description = fmt::format("cuFFT double {}x{} transforms, {} frames per batch", d.fft->layout().nx, d.fft->layout().ny,
                                  d.fft->chunk_frames());
      break;
  }
}

BatchFilter::~BatchFilter() = default;

std::string BatchFilter::description() const { return impl_->description; }

void BatchFilter::run(const DeviceFrames& in, DeviceFrames& out, int count, Stream& stream) {
  const auto& d = *impl_;
  if (in.width() != d.width || in.height() != d.height || out.width() != d.width || out.height() != d.height ||
      count < 0 || count > in.count() || count > out.count())
    throw Error(fmt::format("CUDA filter for {}x{}: {} frames from {} frames of {}x{} into {} of {}x{}", d.width, d.height, count,
                            in.count(), in.width(), in.height(), out.count(), out.width(), out.height()));
  if (count == 0) return;
  const BatchArgs args{in.data(), out.data(), d.width, d.height, static_cast<int>(in.pitch()), in.frame_bytes()};
  cudaStream_t s = stream.handle();
  switch (d.path) {
    case Impl::Path::global: launch_global(args, count, d.global_taps.get(), d.size, s); break;
    case Impl::Path::shared_2d: launch_shared_2d(args, count, d.slot->index(), d.size, s); break;
    case Impl::Path::separable: launch_separable(args, count, d.slot->index(), d.size, d.separable_rows, s); break;
    case Impl::Path::fft: impl_->fft->run(args, count, s); break;
  }
}

}  // namespace framebench::kernels::cuda
