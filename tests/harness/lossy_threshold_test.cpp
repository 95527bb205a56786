// The default PSNR bar of `process --verify`: set by what the encoder itself does to the
// reference output, so an ordinary lossy clip passes and a wrong filter still fails.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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
  const auto reference = encode_reference(input, box5, x264, dir.path());
  ASSERT_TRUE(std::filesystem::exists(reference));
  const VerifySettings fixed{VerifyMode::psnr, 40};
  const auto right = verify_output(input, filtered_with(input, box5, x264, dir / "right.mp4"), box5, x264, fixed, true,
                                   PixelPath::bgr24, reference);
  EXPECT_LT(right.encoder_worst_psnr_db, 40) << "a fixed 40 dB bar would fail every strategy on this clip";
  EXPECT_GT(right.encoder_worst_psnr_db, 20);
  EXPECT_DOUBLE_EQ(right.bar_db, right.encoder_worst_psnr_db - kLossyMarginDb);
  EXPECT_TRUE(right.verified) << right.message;
  // Without the reference the fixed bar applies, and fails the same right output.
  EXPECT_FALSE(verify_output(input, dir / "right.mp4", box5, x264, fixed).verified);
  const auto wrong = verify_output(input, filtered_with(input, kernels::make_kernel("sharpen3"), x264, dir / "wrong.mp4"), box5, x264,
                                   fixed, true, PixelPath::bgr24, reference);
  EXPECT_FALSE(wrong.verified);
  EXPECT_NE(wrong.message.find("below the"), std::string::npos) << wrong.message;
  EXPECT_DOUBLE_EQ(wrong.encoder_worst_psnr_db, right.encoder_worst_psnr_db);
}

// A lossless encoder adds no noise: what is left is a peer filter's rounding, held to the fixed
// default, and nothing is encoded to find that out.
TEST(LossyThreshold, ALosslessEncoderKeepsTheFixedDefault) {
  const ScratchDir dir("lossy-threshold-test");
  const auto input = media::probe(noisy_h264_clip(dir));
  EXPECT_TRUE(encode_reference(input, kernels::make_kernel("box5"), media::encoder("ffv1"), dir.path()).empty());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
  EXPECT_EQ(lossy_bar_db(std::numeric_limits<double>::infinity(), VerifySettings{}.min_psnr_db), VerifySettings{}.min_psnr_db);
  EXPECT_EQ(lossy_bar_db(36.5, VerifySettings{}.min_psnr_db), 36.5 - kLossyMarginDb);
}

}  // namespace
}  // namespace framebench::harness
