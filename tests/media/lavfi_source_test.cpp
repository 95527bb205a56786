#include "media/lavfi_source.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/versions.hpp"
#include "media_fixtures.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;

// The source's frames are the ffmpeg CLI's frames for the same graph, byte for byte.
void expect_same_as_cli(const std::string& graph, int width, int height, int frames) {
  const ScratchDir dir("lavfi-test");
  testing::run_ffmpeg({"-f", "lavfi", "-i", graph, "-frames:v", std::to_string(frames), "-f", "rawvideo", "-pix_fmt", "bgr24",
                       (dir / "raw.bgr").string()});
  LavfiSource source(graph);
  EXPECT_EQ(source.width(), width);
  EXPECT_EQ(source.height(), height);
  std::ifstream raw(dir / "raw.bgr", std::ios::binary);
  std::vector<char> cli(static_cast<std::size_t>(width) * height * 3);
  Frame frame;
  for (int n = 0; n < frames; ++n) {
    ASSERT_TRUE(source.read(frame));
    ASSERT_TRUE(raw.read(cli.data(), static_cast<std::streamsize>(cli.size()))) << "the CLI made fewer frames";
    const ConstFrameView view{reinterpret_cast<const std::uint8_t*>(cli.data()), width, height,
                              static_cast<std::ptrdiff_t>(width) * 3};
    EXPECT_TRUE(same_pixels(frame.view(), view)) << graph << " frame " << n;
  }
}

TEST(media_lavfi_source, testsrc2_matches_the_cli) { expect_same_as_cli("testsrc2=size=176x144:rate=30", 176, 144, 5); }
TEST(media_lavfi_source, mandelbrot_matches_the_cli) { expect_same_as_cli("mandelbrot=size=64x48:rate=25", 64, 48, 3); }
TEST(media_lavfi_source, odd_size_testsrc_matches_the_cli) { expect_same_as_cli("testsrc=size=175x97:rate=25", 175, 97, 3); }

TEST(media_lavfi_source, reports_rate_and_ends_with_the_source) {
  LavfiSource source("testsrc2=size=64x48:rate=30000/1001:duration=0.1");
  EXPECT_EQ(source.frame_rate(), (Rational{30000, 1001}));
  Frame frame;
  int n = 0;
  while (source.read(frame)) ++n;
  EXPECT_EQ(n, 3);  // frames at 0, 33.4 and 66.7 ms
}

TEST(media_lavfi_source, bad_graphs_are_input_errors) {
  for (const char* graph : {"nosuchsource=size=10x10", "testsrc2=size=banana", "scale=64:48", "sine=frequency=440"}) {
    try {
      LavfiSource source(graph);
      ADD_FAILURE() << graph << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(graph), std::string::npos) << e.what();
    }
  }
}

TEST(media_versions, name_the_libraries) {
  const std::string libav = libav_versions();
  for (const char* lib : {"libavcodec ", "libavformat ", "libavutil ", "libswscale ", "FFmpeg "})
    EXPECT_NE(libav.find(lib), std::string::npos) << libav;
  // Opened at run time for clips, so it has a version of its own: major.minor.micro.
  EXPECT_TRUE(std::regex_match(libavfilter_version(), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+"))) << libavfilter_version();
  EXPECT_FALSE(x264_version().empty());
}

}  // namespace
}  // namespace framebench::media
