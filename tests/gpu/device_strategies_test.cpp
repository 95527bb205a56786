// On a device: each cuda-* strategy does the whole job on a small lossless clip whose frame count
// is not a multiple of the batch, and its output decodes to the reference filter of the input,
// frame by frame and in order. Skips, with the reason, without a device.
#include <gtest/gtest.h>

#include <vector>

#include "core/scratch_dir.hpp"
#include "gpu_test_support.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/registry.hpp"

namespace framebench {
namespace {

using framebench::max_difference;
using gpu_testing::random_frame;
using gpu_testing::reference;

constexpr int kWidth = 67, kHeight = 45, kFrames = 23;

// Random frames written losslessly (ffv1), so decoding gives back exactly these frames.
std::vector<Frame> make_clip(const std::filesystem::path& file) {
  std::vector<Frame> frames;
  media::VideoWriter writer(file, media::encoder("ffv1"), {.width = kWidth, .height = kHeight, .frame_rate = {25, 1}});
  for (int i = 0; i < kFrames; ++i) {
    frames.push_back(random_frame(kWidth, kHeight));
    writer.write(frames.back().view());
  }
  writer.finish();
  return frames;
}

std::vector<Frame> decode_all(const std::filesystem::path& file) {
  std::vector<Frame> frames;
  media::VideoReader reader(file);
  Frame f;
  while (reader.read(f)) {
    frames.emplace_back(f.width(), f.height());
    copy_pixels(f.view(), frames.back().view());
  }
  return frames;
}

void expect_strategy_output_matches(const std::string& name, const char* kernel, int tolerance) {
  ScratchDir dir("gpu-strategy");
  const auto input = dir / "in.mkv";
  const auto frames = make_clip(input);
  strategies::Job job;
  job.input = input;
  job.input_info = media::probe(input);
  job.output = dir / "out.mkv";
  job.kernel = kernels::make_kernel(kernel);
  job.encoder = media::encoder("ffv1");
  job.workers = 2;
  job.options.batch = 4;  // 23 frames: five full batches and a last one of 3
  job.options.streams = 3;
  const auto report = strategies::strategy(name).run(job);
  EXPECT_EQ(report.frames, kFrames);
  for (const char* stage : {"decode", "encode", "upload", "kernel", "download"}) {
    ASSERT_TRUE(report.stages.count(stage)) << name << " has no stage " << stage;
    EXPECT_GT(report.stages.at(stage), 0) << name << " " << stage;
  }
  const auto out = decode_all(job.output);
  ASSERT_EQ(out.size(), frames.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    ASSERT_LE(max_difference(out[i].view(), reference(job.kernel, frames[i]).view()), tolerance) << name << " frame " << i;
}

TEST(CudaStrategies, GlobalFiltersEveryFrameInOrder) {
  FRAMEBENCH_REQUIRE_GPU();
  expect_strategy_output_matches("cuda-global", "sharpen3", 0);
}

TEST(CudaStrategies, SharedFiltersEveryFrameInOrder) {
  FRAMEBENCH_REQUIRE_GPU();
  expect_strategy_output_matches("cuda-shared", "box5", 0);
  expect_strategy_output_matches("cuda-shared", "emboss3", 0);
}

TEST(CudaStrategies, FftFiltersEveryFrameInOrder) {
  FRAMEBENCH_REQUIRE_GPU();
  expect_strategy_output_matches("cuda-fft", "gaussian15", 1);
}

TEST(CudaStrategies, StreamsFilterEveryFrameInOrder) {
  FRAMEBENCH_REQUIRE_GPU();
  expect_strategy_output_matches("cuda-streams", "box5", 0);
  expect_strategy_output_matches("cuda-streams", "laplacian3", 0);
}

}  // namespace
}  // namespace framebench
