#pragma once
// The PSNR a lossy output must reach, relative to what its encoder can do. A lossy encode of a
// lossy input cannot be held to a fixed figure (x264 at CRF 23 gives 35 dB on noisy clips and
// 50 dB on flat ones), so the bar is set by the encoder itself: the reference output (the input
// filtered by the reference kernel) encoded once, in one piece, by the same encoder, is the best
// a strategy can do; a correct strategy lands within a small margin of it. verify_output measures
// that encode beside the output, in the same pass over the expected frames.
#include <filesystem>

#include "core/pixel_path.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"

namespace framebench::harness {

// Below the encoder's own worst frame, what splitting into segments and other thread counts may
// cost a correct output (dB).
inline constexpr double kLossyMarginDb = 3.0;

// Encodes the reference output (on the `pixels` path) into a file in `dir` and returns its path;
// an empty path for an encoder that loses nothing, which leaves only a peer filter's rounding
// to tolerate: the configs' fixed default (VerifySettings) applies then.
std::filesystem::path encode_reference(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                       const std::filesystem::path& dir, PixelPath pixels = PixelPath::bgr24);

// The bar for an output given the encoder's worst frame on the reference (infinite: it lost
// nothing, and `fixed_db` applies).
double lossy_bar_db(double encoder_worst_psnr_db, double fixed_db);

}  // namespace framebench::harness
