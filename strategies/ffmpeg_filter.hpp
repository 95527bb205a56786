#pragma once
#include <string>

#include "kernels/kernel_spec.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// The peer a user would pick instead: the `ffmpeg` CLI decoding, filtering with its own
// `convolution` filter (on gbrp, so R, G and B are filtered as we filter them) and encoding with
// the same encoder settings, every part of it on `workers` threads. Verified by tolerance.
class FfmpegFilter final : public Strategy {
 public:
  std::string name() const override { return "ffmpeg-filter"; }
  std::string description() const override {
    return "peer: the ffmpeg CLI with its convolution filter, -threads/-filter_threads = workers (verified by PSNR)";
  }
  std::string unavailable_reason() const override;
  bool bit_exact() const override { return false; }
  RunReport run(const Job& job) const override;
};

// The filter graph for a kernel: a square `convolution` up to 5x5, or a row pass and a column
// pass for separable kernels up to 49 taps. Throws InputError for kernels ffmpeg cannot express.
std::string ffmpeg_convolution_graph(const kernels::KernelSpec& kernel);

}  // namespace framebench::strategies
