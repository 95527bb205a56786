#include "harness/lossy_threshold.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/scratch_dir.hpp"
#include "harness/expected_frames.hpp"
#include "harness/output_path.hpp"
#include "harness/verification.hpp"
#include "media/native_planes.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::harness {

namespace {

// The reference output is the expected frames, made on a thread of their own while this one
// encodes them.
void encode_reference(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                      PixelPath pixels, const std::filesystem::path& out) {
  ExpectedFrames expected(input, kernel, pixels);
  media::VideoWriter writer(out, media::encoder_for_path(encoder, pixels, input),
                            {.width = input.width, .height = input.height, .frame_rate = input.frame_rate, .threads = 0});
  for (std::int64_t i = 0; const PlanarFrame* frame = expected.at(i); ++i) {
    writer.write(*frame);
    expected.release(i + 1);
  }
  writer.finish();
}

// The expected frames made as verification makes them (on a thread of their own, the filter on
// all cores) while this thread decodes the encoded reference.
double worst_frame_psnr(const media::VideoInfo& input, const kernels::KernelSpec& kernel, PixelPath pixels,
                        const std::filesystem::path& encoded) {
  ExpectedFrames expected(input, kernel, pixels);
  media::VideoReader decoded(encoded, {.threads = 0, .pixels = pixels});
  PlanarFrame got;
  double worst = std::numeric_limits<double>::infinity();
  for (std::int64_t i = 0; decoded.read(got); ++i) {
    const PlanarFrame* want = expected.at(i);
    if (!want) break;
    worst = std::min(worst, psnr_db(*want, got));
    expected.release(i + 1);
  }
  return worst;
}

}  // namespace

LossyThreshold lossy_threshold(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                               const std::filesystem::path& scratch_parent, PixelPath pixels) {
  LossyThreshold t{std::numeric_limits<double>::infinity(), VerifySettings{}.min_psnr_db};
  if (encoder.lossless) return t;
  const ScratchDir scratch("framebench-threshold", scratch_parent);
  const auto encoded = scratch / ("reference." + output_extension(encoder));
  encode_reference(input, kernel, encoder, pixels, encoded);
  t.encoder_worst_psnr_db = worst_frame_psnr(input, kernel, pixels, encoded);
  if (std::isfinite(t.encoder_worst_psnr_db)) t.min_psnr_db = t.encoder_worst_psnr_db - kLossyMarginDb;
  return t;
}

}  // namespace framebench::harness
