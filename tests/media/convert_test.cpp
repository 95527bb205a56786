#include "media/convert.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/frame_hash.hpp"
#include "media/libav.hpp"
#include "test_frames.hpp"

namespace framebench::media {
namespace {

using testing::blank_frame;

FramePtr grey_yuv420p(int width, int height) {
  FramePtr f = blank_frame(width, height, AV_PIX_FMT_YUV420P);
  for (int plane = 0; plane < 3; ++plane) {
    const int rows = plane == 0 ? height : height / 2;
    for (int y = 0; y < rows; ++y) std::memset(f->data[plane] + y * f->linesize[plane], plane == 0 ? 100 : 128, f->linesize[plane]);
  }
  return f;
}

// A damaged file can carry a colour space outside AVColorSpace (the video fuzzer found 142); loading
// it as the enum was undefined behaviour. It must convert as an unspecified one does.
TEST(ToBgr, AColourSpaceOutsideTheEnumConvertsAsUnspecified) {
  auto odd = grey_yuv420p(64, 48);
  const int outside = 142;
  std::memcpy(&odd->colorspace, &outside, sizeof outside);
  auto plain = grey_yuv420p(64, 48);
  plain->colorspace = AVCOL_SPC_UNSPECIFIED;

  Frame a, b;
  ToBgr().convert(*odd, a);
  ToBgr().convert(*plain, b);
  ASSERT_EQ(a.width(), 64);
  ASSERT_EQ(a.height(), 48);
  EXPECT_EQ(hash_pixels(a.view()), hash_pixels(b.view()));
}

// The largest difference between two frames' planes (of a 4:2:0 format) from `first` to `last`.
int largest_difference(const AVFrame& a, const AVFrame& b, int first, int last) {
  int most = 0;
  for (int plane = first; plane <= last; ++plane) {
    const int rows = plane == 0 ? a.height : (a.height + 1) / 2, columns = plane == 0 ? a.width : (a.width + 1) / 2;
    for (int y = 0; y < rows; ++y)
      for (int x = 0; x < columns; ++x)
        most = std::max(most, std::abs(a.data[plane][y * a.linesize[plane] + x] - b.data[plane][y * b.linesize[plane] + x]));
  }
  return most;
}

Frame bgr_pattern(int width, int height, bool sharp) {
  Frame bgr;
  bgr.resize(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c)
        bgr.row(y)[3 * x + c] = static_cast<std::uint8_t>(sharp ? (x * 37 + y * 11 * (c + 1) + c * 80) % 256
                                                                : (x * (c + 1) + y * (3 - c)) * 255 / (3 * (width + height)));
  return bgr;
}

// libyuv replaces libswscale for BGR24 -> yuv420p because it is cheaper for the same matrix and
// range: luma within a level everywhere, chroma within 3 on smooth content. Where colour changes
// every pixel the two subsample chroma differently (libyuv a 2x2 mean, libswscale a bicubic
// filter), so chroma is compared on gradients only.
// libswscale's x86 YUV->RGB writes whole groups of 8 pixels: into a row with no room for the
// last group it wrote past the frame's end (426 wide: 16 bytes past the last row), and where the
// stride could not take it, it left the row's last pixels unwritten (852x480: 4 a row), so the
// filter read whatever the buffer held. Every pixel must be written, the same whatever was there.
TEST(ToBgr, WritesEveryPixelOfRowsOfAnyWidth) {
  for (const int width : {852, 426, 850, 854, 64, 66}) {
    FramePtr in = blank_frame(width, 48, AV_PIX_FMT_YUV420P);
    FromBgr(width, 48, AV_PIX_FMT_YUV420P).convert(testing::gradient_bgr_frame(width, 48).view(), *in);
    Frame zeros(width, 48), ones(width, 48);
    for (int y = 0; y < 48; ++y) {
      std::memset(zeros.row(y), 0, static_cast<std::size_t>(zeros.stride()));
      std::memset(ones.row(y), 0xFF, static_cast<std::size_t>(ones.stride()));
    }
    ToBgr().convert(*in, zeros);
    ToBgr().convert(*in, ones);
    EXPECT_TRUE(same_pixels(zeros.view(), ones.view())) << width << " wide";
    Frame banded(width, 48);
    ToBgr bands;
    for (int y = 0; y < 48; y += 16) bands.convert_rows(*in, banded, y, y + 16);
    EXPECT_TRUE(same_pixels(banded.view(), zeros.view())) << width << " wide, in bands";
  }
}

// What the standard's formula gives a limited-range sample (luma y, chroma u and v), in double,
// as B, G, R levels rounded and clipped: the absolute answer the conversions are held to.
std::array<int, 3> exact_bgr(int y, int u, int v, double kr, double kb) {
  const double luma = (y - 16) / 219.0, pb = (u - 128) / 224.0, pr = (v - 128) / 224.0;
  const double r = luma + 2 * (1 - kr) * pr, b = luma + 2 * (1 - kb) * pb;
  const double g = (luma - kr * r - kb * b) / (1 - kr - kb);
  const auto level = [](double x) { return static_cast<int>(std::lround(std::clamp(x * 255, 0.0, 255.0))); };
  return {level(b), level(g), level(r)};
}

// The conversion to BGR24 is libswscale's, and the CLI checks of tests/media share that library:
// here it is held to the standard's formula itself, on limited-range BT.601 and BT.709 frames
// over the whole range of levels. libswscale's fast path (the CLI's too) comes out 0.79 of a
// level darker than the formula on average, never more than 3 levels off: a wrong matrix or range
// would be tens of levels off.
TEST(ToBgr, GivesTheStandardsLevelsWithinThree) {
  // Luma sweeps 16..235 across; chroma 16..240, one plane across and one down, slowly enough
  // (under a level per sample) that how chroma is upsampled moves no level much.
  const int width = 512, height = 512;
  const struct {
    AVColorSpace space;
    double kr, kb;
  } spaces[] = {{AVCOL_SPC_BT470BG, 0.299, 0.114}, {AVCOL_SPC_BT709, 0.2126, 0.0722}};
  for (const auto& s : spaces) {
    FramePtr f = blank_frame(width, height, AV_PIX_FMT_YUV420P);
    f->colorspace = s.space;
    f->color_range = AVCOL_RANGE_MPEG;
    const auto at = [&](int plane, int x, int y) -> std::uint8_t& { return f->data[plane][y * f->linesize[plane] + x]; };
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) at(0, x, y) = static_cast<std::uint8_t>(16 + x * 219 / (width - 1));
    for (int y = 0; y < height / 2; ++y)
      for (int x = 0; x < width / 2; ++x) {
        at(1, x, y) = static_cast<std::uint8_t>(16 + x * 224 / (width / 2 - 1));
        at(2, x, y) = static_cast<std::uint8_t>(16 + y * 224 / (height / 2 - 1));
      }
    Frame ours;
    ToBgr().convert(*f, ours);
    int largest = 0;
    double total = 0;
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        const auto want = exact_bgr(at(0, x, y), at(1, x / 2, y / 2), at(2, x / 2, y / 2), s.kr, s.kb);
        for (int c = 0; c < 3; ++c) {
          const int d = std::abs(ours.row(y)[x * 3 + c] - want[static_cast<std::size_t>(c)]);
          largest = std::max(largest, d);
          total += d;
        }
      }
    const char* name = av_color_space_name(s.space);
    EXPECT_LE(largest, 3) << name;
    EXPECT_LE(total / (width * height * 3.0), 1.0) << name;
  }
  // Black and white: luma 16 and 235 with neutral chroma, exactly.
  for (const auto& [luma, level] : {std::pair{16, 0}, std::pair{235, 255}}) {
    FramePtr f = blank_frame(2, 2, AV_PIX_FMT_YUV420P);
    f->color_range = AVCOL_RANGE_MPEG;
    for (int y = 0; y < 2; ++y) std::memset(f->data[0] + y * f->linesize[0], luma, 2);
    f->data[1][0] = f->data[2][0] = 128;
    Frame out;
    ToBgr().convert(*f, out);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(out.row(0)[i], level) << "luma " << luma;
  }
}

TEST(FromBgr, LibyuvConvertsAsLibswscaleDoes) {
  const int width = 66, height = 50;
  {
    const AVPixelFormat format = AV_PIX_FMT_YUV420P;
    FromBgr cheapest(width, height, format), swscale(width, height, format, FromBgrLibrary::swscale);
    EXPECT_STREQ(cheapest.library(), "libyuv");
    EXPECT_STREQ(swscale.library(), "libswscale");
    for (const bool sharp : {false, true}) {
      auto a = blank_frame(width, height, format), b = blank_frame(width, height, format);
      const Frame bgr = bgr_pattern(width, height, sharp);
      cheapest.convert(bgr.view(), *a);
      swscale.convert(bgr.view(), *b);
      EXPECT_LE(largest_difference(*a, *b, 0, 0), 1) << av_get_pix_fmt_name(format) << (sharp ? " sharp" : " smooth");
      if (!sharp) {
        EXPECT_LE(largest_difference(*a, *b, 1, 2), 3) << av_get_pix_fmt_name(format);
      }
    }
  }
  EXPECT_STREQ(FromBgr(width, height, AV_PIX_FMT_YUV444P).library(), "libswscale");
  EXPECT_STREQ(FromBgr(width, height, AV_PIX_FMT_YUVJ420P).library(), "libyuv");
}

// yuvj420p (what mjpeg takes) is full range: black is luma 0 and white 255, where yuv420p has 16
// and 235. libswscale's cheap BGR24 -> 4:2:0 path writes limited range whatever it is told, which
// had every mjpeg output lose contrast (28 dB against its input, where the CLI's makes 46 dB).
TEST(FromBgr, FullRangeFormatsGetFullRangeLevels) {
  const int width = 16, height = 8;
  Frame bgr;
  bgr.resize(width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < 3 * width; ++x) bgr.row(y)[x] = x < 3 * width / 2 ? 0 : 255;  // black, then white
  struct Levels {
    AVPixelFormat format;
    int black, white;
  };
  for (const Levels want : {Levels{AV_PIX_FMT_YUV420P, 16, 235}, Levels{AV_PIX_FMT_YUVJ420P, 0, 255}})
    for (const FromBgrLibrary library : {FromBgrLibrary::cheapest, FromBgrLibrary::swscale}) {
      FromBgr convert(width, height, want.format, library);
      auto out = blank_frame(width, height, want.format);
      convert.convert(bgr.view(), *out);
      const std::string what = fmt::format("{} by {}", av_get_pix_fmt_name(want.format), convert.library());
      EXPECT_NEAR(out->data[0][0], want.black, 1) << what;
      EXPECT_NEAR(out->data[0][width - 1], want.white, 1) << what;
      EXPECT_NEAR(out->data[1][0], 128, 1) << what;  // grey has no colour
    }
}

// What FromBgr writes, as outputs are tagged: BT.601 in the format's range, RGB's for RGB.
TEST(FromBgr, SaysTheMatrixAndRangeItWrites) {
  EXPECT_EQ(from_bgr_matrix("yuv420p").color_space, AVCOL_SPC_SMPTE170M);
  EXPECT_EQ(from_bgr_matrix("yuv420p").color_range, AVCOL_RANGE_MPEG);
  EXPECT_EQ(from_bgr_matrix("yuvj420p").color_range, AVCOL_RANGE_JPEG);
  EXPECT_EQ(from_bgr_matrix("bgr0").color_space, AVCOL_SPC_RGB);
  EXPECT_EQ(from_bgr_matrix("bgr24").color_range, AVCOL_RANGE_JPEG);
}

// The matrices libswscale converts as they say are taken; the others refused, on YUV frames only.
TEST(ToBgr, SaysWhichMatricesItCannotConvert) {
  for (const int taken : {AVCOL_SPC_UNSPECIFIED, AVCOL_SPC_RESERVED, AVCOL_SPC_BT709, AVCOL_SPC_FCC, AVCOL_SPC_BT470BG,
                          AVCOL_SPC_SMPTE170M, AVCOL_SPC_SMPTE240M, AVCOL_SPC_BT2020_NCL})
    EXPECT_EQ(bgr_matrix_problem("yuv420p", taken), "") << taken;
  for (const int refused :
       std::initializer_list<int>{AVCOL_SPC_RGB, AVCOL_SPC_YCGCO, AVCOL_SPC_BT2020_CL, AVCOL_SPC_SMPTE2085, AVCOL_SPC_ICTCP, 142})
    EXPECT_NE(bgr_matrix_problem("yuv444p", refused), "") << refused;
  EXPECT_EQ(bgr_matrix_problem("yuv444p", AVCOL_SPC_YCGCO),
            "its colour space ycgco has no conversion to BGR24 here (libswscale would take it for another)");
  // No matrix to apply: RGB, paletted and gray frames.
  for (const char* format : {"gbrp", "pal8", "gray"}) EXPECT_EQ(bgr_matrix_problem(format, AVCOL_SPC_YCGCO), "") << format;
}

}  // namespace
}  // namespace framebench::media
