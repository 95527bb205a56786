// DecodeErrorWatch sees what a decoder reports to the libav log: nothing on a whole clip, the
// decoder's own words on a damaged one (it is how opencv-videoio finds errors OpenCV conceals).
#include "media/decode_error_watch.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/scratch_dir.hpp"
#include "media/video_reader.hpp"
#include "media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;

// Reads every frame it can; our reader stops at a damaged one, which is as far as the test needs.
void decode(const fs::path& file) {
  try {
    VideoReader reader(file);
    Frame frame;
    while (reader.read(frame)) {
    }
  } catch (const Error&) {
  }
}

TEST(media_decode_error_watch, counts_a_decoders_reports_and_keeps_the_first) {
  ScratchDir dir("decode-error-watch");
  const fs::path whole = dir / "whole.avi";
  testing::make_cli_clip(whole, 128, 96, "25", 40, {"-c:v", "mpeg4", "-g", "12", "-q:v", "3"});
  {
    const DecodeErrorWatch watch;
    decode(whole);
    EXPECT_EQ(watch.errors(), 0) << watch.first_error();
    EXPECT_EQ(watch.first_error(), "");
  }
  // 300 bytes scrambled 30% of the way in: inside the video data, sizes intact.
  std::string bytes = framebench::testing::slurp(whole);
  for (std::size_t i = bytes.size() * 3 / 10, end = i + 300; i < end; ++i)
    bytes[i] = static_cast<char>(static_cast<unsigned char>(bytes[i]) * 7 + 13);
  std::ofstream(dir / "corrupt.avi", std::ios::binary) << bytes;
  const DecodeErrorWatch watch;
  decode(dir / "corrupt.avi");
  EXPECT_GT(watch.errors(), 0);
  EXPECT_TRUE(watch.first_error().starts_with("mpeg4: ")) << watch.first_error();
  EXPECT_THROW(DecodeErrorWatch second, std::logic_error) << "one watch per process at a time";
}

}  // namespace
}  // namespace framebench::media
