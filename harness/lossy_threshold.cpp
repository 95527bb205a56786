#include "harness/lossy_threshold.hpp"

#include <cmath>

#include "core/interrupt.hpp"
#include "harness/expected_frames.hpp"
#include "harness/output_path.hpp"
#include "media/container.hpp"
#include "media/output_encoding.hpp"
#include "media/video_writer.hpp"

namespace framebench::harness {

// The reference output is the expected frames, made on a thread of their own while this one
// encodes them.
std::filesystem::path encode_reference(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                       const std::filesystem::path& dir, PixelPath pixels) {
  if (encoder.lossless) return {};
  // Matroska where it holds the codec: it keeps any times the input has, two frames at one time too
  // (MP4 refuses those, AVI records none).
  const auto matroska = dir / "reference.mkv";
  const auto out = media::container_problem(encoder, matroska).empty() ? matroska : dir / ("reference." + output_extension(encoder));
  ExpectedFrames expected(input, kernel, pixels);
  // Tagged as the job's output is: MJPEG opens for the yuv420p of a full-range input only so.
  const media::EncoderSpec written = media::encoder_for_path(encoder, pixels, input);
  const media::Presentation shown = media::output_presentation(input, pixels, written);
  media::VideoWriter writer(out, written,
                            {.width = input.width, .height = input.height, .frame_rate = input.frame_rate, .threads = 0,
                             // At the input's times, as the job's output: at its average rate, MPEG-4
                             // Part 2 could not code the time base (found 7 December 2026 by a sweep
                             // of codecs: an MP4 of frames timed in milliseconds, "cannot open encoder").
                             .times = media::FrameTimes::of(input), .presentation = shown});
  for (std::int64_t i = 0; const PlanarFrame* frame = expected.at(i); ++i) {
    throw_if_interrupted();
    writer.write(*frame);
    expected.release(i + 1);
  }
  writer.finish();
  return out;
}

double lossy_bar_db(double encoder_worst_psnr_db, double fixed_db) {
  return std::isfinite(encoder_worst_psnr_db) ? encoder_worst_psnr_db - kLossyMarginDb : fixed_db;
}

}  // namespace framebench::harness
