#include "media/interlacing.hpp"

#include <gtest/gtest.h>

#include "core/scratch_dir.hpp"
#include "media_fixtures.hpp"

namespace framebench::media {
namespace {
using testing::make_cli_clip;

// Where the stream says which field comes first, that is the answer, and the warning names the
// file and what filtering whole frames does to it.
TEST(media_interlacing, a_stream_that_says_its_field_order_is_warned_of) {
  const ScratchDir dir("interlacing-test");
  make_cli_clip(dir / "top.mp4", 64, 48, "25", 6, {"-c:v", "libx264", "-flags", "+ildct+ilme", "-x264-params", "tff=1", "-pix_fmt", "yuv420p"});
  const VideoInfo info = probe(dir / "top.mp4");
  EXPECT_EQ(interlacing(info), "top field first");
  EXPECT_EQ(interlaced_warning(info), (dir / "top.mp4").string() +
                                          " is interlaced (top field first): its frames are filtered whole, so the kernel mixes rows "
                                          "of both fields, captured at different moments, as ffmpeg's filters do without a deinterlacer");
}

// Interlaced streams whose headers say "unknown" (DV, MPEG-4 in AVI) or "progressive" (x264's
// interlaced coding and MPEG-4's interlaced DCT in Matroska): their frames say it, as the decoder
// flags them.
TEST(media_interlacing, a_stream_that_says_nothing_is_asked_by_its_first_frame) {
  const ScratchDir dir("interlacing-test");
  make_cli_clip(dir / "x264.mkv", 64, 48, "25", 4, {"-c:v", "libx264", "-x264-params", "interlaced=1", "-pix_fmt", "yuv420p"});
  make_cli_clip(dir / "mpeg4-top.avi", 64, 48, "25", 4, {"-c:v", "mpeg4", "-flags", "+ildct", "-top", "1"});
  make_cli_clip(dir / "mpeg4.mkv", 64, 48, "25", 4, {"-c:v", "mpeg4", "-flags", "+ildct"});
  make_cli_clip(dir / "pal.dv", 720, 576, "25", 2, {"-c:v", "dvvideo", "-pix_fmt", "yuv420p"});
  for (const char* name : {"x264.mkv", "mpeg4-top.avi", "mpeg4.mkv", "pal.dv"}) {
    const VideoInfo info = probe(dir / name);
    EXPECT_EQ(info.interlacing, "") << name << ": the stream says it, so this test would not reach the frames";
    EXPECT_EQ(interlacing(info), std::string(name) == "mpeg4-top.avi" ? "top field first" : "bottom field first") << name;
    EXPECT_NE(interlaced_warning(info), "") << name;
  }
}

TEST(media_interlacing, progressive_input_gets_no_warning) {
  const ScratchDir dir("interlacing-test");
  make_cli_clip(dir / "progressive.mp4", 64, 48, "25", 4, {"-c:v", "libx264", "-pix_fmt", "yuv420p"});
  make_cli_clip(dir / "progressive.mkv", 64, 48, "25", 4, {"-c:v", "mpeg4"});
  for (const char* name : {"progressive.mp4", "progressive.mkv"}) {
    EXPECT_EQ(interlacing(probe(dir / name)), "") << name;
    EXPECT_EQ(interlaced_warning(probe(dir / name)), "") << name;
  }
}

}  // namespace
}  // namespace framebench::media
