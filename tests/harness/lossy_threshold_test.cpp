// The default PSNR bar of `process --verify`: set by what the encoder itself does to the
// reference output, so an ordinary lossy clip passes and a wrong filter still fails.
#include <gtest/gtest.h>

#include <cmath>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "harness/lossy_threshold.hpp"
#include "harness/verification.hpp"
#include "kernels/cpu/reference.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::harness {
namespace {

// A lossy H.264 clip of noisy content, like a camera's: x264 at CRF 23 stays far below 40 dB on it.
std::filesystem::path noisy_h264_clip(const ScratchDir& dir) {
  const auto path = dir / "noisy.mp4";
  EXPECT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25,noise=alls=40:allf=t",
                           "-frames:v", "16", "-c:v", "libx264", "-crf", "26", "-pix_fmt", "yuv420p", path.string()})
                  .status.ok());
  return path;
}

std::filesystem::path filtered_with(const media::VideoInfo& input, const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                    const std::filesystem::path& out) {
  media::VideoReader reader(input);
  media::VideoWriter writer(out, encoder, {.width = input.width, .height = input.height, .frame_rate = input.frame_rate});
  Frame in, filtered(input.width, input.height);
  while (reader.read(in)) {
    kernels::reference_filter(kernel, in.view(), filtered.view());
    writer.write(filtered.view());
  }
  writer.finish();
  return out;
}

TEST(LossyThreshold, PassesARightOutputOfANoisyClipAndFailsAWrongFilter) {
  const ScratchDir dir("lossy-threshold-test");
  const auto input = media::probe(noisy_h264_clip(dir));
  const auto& x264 = media::encoder("x264-ultrafast");
  const auto box5 = kernels::make_kernel("box5");
  const auto t = lossy_threshold(input, box5, x264, dir.path());
  EXPECT_LT(t.encoder_worst_psnr_db, 40) << "a fixed 40 dB bar would fail every strategy on this clip";
  EXPECT_GT(t.encoder_worst_psnr_db, 20);
  EXPECT_DOUBLE_EQ(t.min_psnr_db, t.encoder_worst_psnr_db - kLossyMarginDb);

  const VerifySettings settings{VerifyMode::psnr, t.min_psnr_db};
  const auto right = verify_output(input, filtered_with(input, box5, x264, dir / "right.mp4"), box5, x264, settings);
  EXPECT_TRUE(right.verified) << right.message;
  const auto wrong = verify_output(input, filtered_with(input, kernels::make_kernel("sharpen3"), x264, dir / "wrong.mp4"), box5, x264,
                                   settings);
  EXPECT_FALSE(wrong.verified);
  EXPECT_NE(wrong.message.find("below the"), std::string::npos) << wrong.message;
  // The threshold's scratch is gone: only the clip and the two outputs remain.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 3);
}

// A lossless encoder adds no noise: what is left is a peer filter's rounding, held to the fixed
// default, and nothing is encoded to find that out.
TEST(LossyThreshold, ALosslessEncoderKeepsTheFixedDefault) {
  const ScratchDir dir("lossy-threshold-test");
  const auto input = media::probe(noisy_h264_clip(dir));
  const auto t = lossy_threshold(input, kernels::make_kernel("box5"), media::encoder("ffv1"), dir.path());
  EXPECT_TRUE(std::isinf(t.encoder_worst_psnr_db));
  EXPECT_EQ(t.min_psnr_db, VerifySettings{}.min_psnr_db);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

}  // namespace
}  // namespace framebench::harness
