// The registry's view of the CUDA kernels: a Filter on host frames. Each apply() uploads the
// frame, filters it and downloads the result, so `framebench kernels` through this interface
// measures transfers too; DeviceKernelTimer measures the kernel alone.
#include <optional>

#include "kernels/cuda/batch_filter.hpp"
#include "kernels/cuda/buffers.hpp"
#include "kernels/cuda/library.hpp"

namespace framebench::kernels::cuda {

namespace {

class FrameFilter final : public Filter {
 public:
  FrameFilter(Algorithm algorithm, const KernelSpec& kernel) : algorithm_(algorithm), kernel_(kernel) {}

  void apply(ConstFrameView in, FrameView out) override {
    if (!prepared_ || prepared_->in.width() != in.width || prepared_->in.height() != in.height) {
      prepared_.reset();
      prepared_.emplace(algorithm_, kernel_, in.width, in.height);
    }
    auto& p = *prepared_;
    upload(in, p.in, 0, p.stream);
    p.filter.run(p.in, p.out, 1, p.stream);
    download(p.out, 0, out, p.stream);
    p.stream.synchronize();
  }

 private:
  // Buffers and prepared kernel for one frame size, remade only when the size changes.
  struct Prepared {
    Prepared(Algorithm a, const KernelSpec& k, int w, int h) : in(1, w, h), out(1, w, h), filter(a, k, w, h, 1) {}
    DeviceFrames in, out;
    BatchFilter filter;
    Stream stream;  // last: destroyed first, after waiting for its work
  };
  Algorithm algorithm_;
  KernelSpec kernel_;
  std::optional<Prepared> prepared_;  // nothing touches the device before the first apply()
};

}  // namespace

std::unique_ptr<Filter> make_host_frame_filter(Algorithm algorithm, const KernelSpec& kernel) {
  return std::make_unique<FrameFilter>(algorithm, kernel);
}

}  // namespace framebench::kernels::cuda
