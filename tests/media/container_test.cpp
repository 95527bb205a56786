// Which containers hold which encoder's codec, as libavformat says, and the message for a
// mismatch: the user's file, the cause, and containers that work.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "media/container.hpp"
#include "media/probe.hpp"
#include "media/video_writer.hpp"
#include "core/scratch_dir.hpp"

namespace framebench::media {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

TEST(Container, Ffv1FitsMatroskaButNotMp4) {
  const auto ffv1 = containers_for(encoder("ffv1"));
  EXPECT_TRUE(contains(ffv1, ".mkv"));
  EXPECT_FALSE(contains(ffv1, ".mp4"));
  EXPECT_EQ(container_problem(encoder("ffv1"), "dir/clip.mp4"),
            "dir/clip.mp4: a .mp4 file cannot hold ffv1 video (encoder 'ffv1'); use .mkv (or .avi, .nut)");
  EXPECT_EQ(container_problem(encoder("ffv1"), "clip.mkv"), "");
  EXPECT_EQ(container_problem(encoder("x264-ultrafast"), "clip.mp4"), "");
  EXPECT_THROW(container_problem(encoder("ffv1"), "clip.webm"), InputError);
}

// libavformat cannot tell for MPEG-TS, whose muxer writes any codec; FFV1 there comes back as a
// data stream, not video, so it is refused up front like any other mismatch.
TEST(Container, Ffv1DoesNotFitMpegTsButH264AndMpeg4Do) {
  EXPECT_EQ(container_problem(encoder("ffv1"), "clip.ts"), "clip.ts: a .ts file cannot hold ffv1 video (encoder 'ffv1'); use .mkv (or .avi, .nut)");
  EXPECT_FALSE(contains(containers_for(encoder("ffv1")), ".ts"));
  for (const char* fits : {"x264-ultrafast", "mpeg4"}) {
    EXPECT_EQ(container_problem(encoder(fits), "clip.ts"), "") << fits;
    EXPECT_TRUE(contains(containers_for(encoder(fits)), ".ts")) << fits;
  }
}

// Every container it suggests really takes the encoder's output: a one-frame file is written and
// read back as one frame of video.
TEST(Container, EverySuggestedContainerCanBeWritten) {
  const ScratchDir dir("container-test");
  for (const auto& spec : encoders()) {
    if (!encoder_unavailable_reason(spec).empty()) continue;
    for (const auto& extension : containers_for(spec)) {
      const auto path = dir / ("clip-" + spec.name + extension);
      Frame frame(64, 48);
      VideoWriter writer(path, spec, {.width = 64, .height = 48});
      writer.write(frame.view());
      EXPECT_NO_THROW(writer.finish()) << path;
      EXPECT_EQ(probe(path).frame_count, 1) << path;
    }
  }
}

// An unknown extension is answered with every container framebench writes, and each of those is
// one it can choose a muxer for (the list was written out three times: found 6 December 2026 by a
// structure review).
TEST(Container, AnUnknownExtensionNamesEveryContainerWritten) {
  const auto extensions = written_extensions();
  ASSERT_FALSE(extensions.empty());
  std::string message;
  try {
    (void)container_problem(encoders().front(), "out.mov");
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("out.mov: unsupported extension '.mov'"), std::string::npos) << message;
  for (const auto& extension : extensions) {
    EXPECT_NE(message.find(extension), std::string::npos) << extension << " missing from: " << message;
    EXPECT_NO_THROW((void)container_problem(encoders().front(), "out" + extension)) << extension;
  }
}

}  // namespace
}  // namespace framebench::media
