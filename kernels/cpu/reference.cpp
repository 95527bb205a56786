#include "kernels/cpu/reference.hpp"

#include <vector>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace framebench::kernels {

void reference_filter(const KernelSpec& kernel, ConstFrameView in, FrameView out) {
  if (in.width != out.width || in.height != out.height || in.channels != out.channels)
    throw Error("reference_filter: size mismatch");
  const int r = kernel.radius();
  const int channels = in.channels;
  for (int y = 0; y < in.height; ++y) {
    // A frame of this scalar loop can take minutes (disc:63 at 1080p: 24 s): Ctrl-C stops it at
    // the next row, as `kernels` promises, not at the end of the frame.
    throw_if_interrupted();
    for (int x = 0; x < in.width; ++x) {
      for (int c = 0; c < channels; ++c) {
        std::int32_t acc = 0;
        for (int i = 0; i < kernel.size; ++i) {
          const std::uint8_t* src = in.row(reflect101(y + i - r, in.height));
          for (int j = 0; j < kernel.size; ++j)
            acc += kernel.tap(i, j) * src[reflect101(x + j - r, in.width) * channels + c];
        }
        out.row(y)[x * channels + c] = round_shift_saturate(acc);
      }
    }
  }
}

namespace {
class ReferenceFilter final : public Filter {
 public:
  explicit ReferenceFilter(const KernelSpec& k) : kernel_(k) {}
  void apply(ConstFrameView in, FrameView out) override { reference_filter(kernel_, in, out); }

 private:
  KernelSpec kernel_;
};
}  // namespace

std::unique_ptr<Filter> make_reference_filter(const KernelSpec& kernel) { return std::make_unique<ReferenceFilter>(kernel); }

}  // namespace framebench::kernels
