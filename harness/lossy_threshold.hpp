#pragma once
// The PSNR a lossy output must reach, relative to what its encoder can do. A lossy encode of a
// lossy input cannot be held to a fixed figure (x264 at CRF 23 gives 35 dB on noisy clips and
// 50 dB on flat ones), so the bar is set by the encoder itself: the reference output (the input
// filtered by the reference kernel) encoded once, in one piece, by the same encoder, is the best
// a strategy can do; a correct strategy lands within a small margin of it.
#include <filesystem>

#include "core/pixel_path.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"

namespace framebench::harness {

// Below the encoder's own worst frame, what splitting into segments and other thread counts may
// cost a correct output (dB).
inline constexpr double kLossyMarginDb = 3.0;

struct LossyThreshold {
  double encoder_worst_psnr_db = 0;  // the reference output through the encoder, worst frame
  double min_psnr_db = 0;            // encoder_worst_psnr_db - kLossyMarginDb
};

// Encodes the reference output (on the `pixels` path) under `scratch_parent` (removed afterwards)
// and measures it. An
// encoder that loses nothing (lossless, or infinite PSNR on this clip) leaves only a peer
// filter's rounding to tolerate: the configs' fixed default (VerifySettings) applies then.
LossyThreshold lossy_threshold(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                               const std::filesystem::path& scratch_parent = {}, PixelPath pixels = PixelPath::bgr24);

}  // namespace framebench::harness
