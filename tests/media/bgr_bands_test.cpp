// BgrBands gives the bytes the BGR24 path gives in whole frames (ToBgr, the filter, FromBgr),
// in bands where every step allows it and in whole frames where one does not.
#include "media/bgr_bands.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "kernels/cpu/fast.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "test_frames.hpp"

namespace framebench::media {
namespace {

struct Case {
  AVPixelFormat in;
  AVColorSpace space;
  AVColorRange range;
  AVPixelFormat out;
  int width, height;
  const char* kernel;
  bool in_bands;
};

std::string name(const Case& c) {
  return std::string(av_get_pix_fmt_name(c.in)) + " " + av_color_space_name(c.space) + " " + av_color_range_name(c.range) + " -> " +
         av_get_pix_fmt_name(c.out) + " " + std::to_string(c.width) + "x" + std::to_string(c.height) + " " + c.kernel;
}

// A decoded-looking frame of `c`'s input format, made from BGR24 gradients with texture; each
// `index` another.
NativeFrame input(const Case& c, int index = 0) {
  FramePtr f = testing::blank_frame(c.width, c.height, c.in);
  Frame bgr = testing::gradient_bgr_frame(c.width, c.height);
  for (int y = 0; y < c.height; ++y)
    for (int x = 0; x < c.width * 3; ++x) bgr.row(y)[x] = static_cast<std::uint8_t>(bgr.row(y)[x] + 77 * index + (x ^ y) % 5 * index);
  FromBgr(c.width, c.height, c.in).convert(bgr.view(), *f);
  f->colorspace = c.space;
  f->color_range = c.range;
  NativeFrame frame;
  if (av_frame_ref(&frame.av(), f.get()) < 0) throw std::runtime_error("av_frame_ref");
  return frame;
}

NativeFrame output(const Case& c) {
  NativeFrame frame;
  AVFrame& f = frame.av();
  f.width = c.width;
  f.height = c.height;
  f.format = c.out;
  if (av_frame_get_buffer(&f, 0) < 0) throw std::runtime_error("av_frame_get_buffer");
  return frame;
}

TEST(BgrBands, GiveTheBytesOfWholeFramesInBandsWhereEveryStepAllowsIt) {
  const Case cases[] = {
      // 4:2:0 in, yuv420p or yuvj420p out: bands, of every kernel shape and any height.
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 200, 130, "box5", true},
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 200, 130, "gaussian15", true},
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT709, AVCOL_RANGE_JPEG, AV_PIX_FMT_YUVJ420P, 96, 256, "sharpen3", true},
      {AV_PIX_FMT_YUVJ420P, AVCOL_SPC_UNSPECIFIED, AVCOL_RANGE_JPEG, AV_PIX_FMT_YUVJ420P, 64, 66, "box7", true},
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 32, 2, "box15", true},
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 201, 130, "gaussian5", true},  // odd width
      // Otherwise whole frames: odd height, 4:4:4 in, an encoder libyuv does not feed.
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 200, 97, "box5", false},
      {AV_PIX_FMT_YUV444P, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 200, 130, "box5", false},
      {AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_BGR0, 200, 130, "gaussian5", false},
  };
  for (const Case& c : cases) {
    const kernels::FastKernel kernel(kernels::make_kernel(c.kernel));
    kernels::FastScratch scratch;
    BgrBands bands(kernel.size() / 2, [&](ConstFrameView from, FrameView to, int y0, int y1) {
      kernel.filter_rows(from, to, y0, y1, scratch);
    });
    NativeFrame banded = output(c);
    // The second frame reuses every context and buffer, so a row the bands failed to convert or
    // filter would still hold the first frame's, not fresh memory's.
    for (int frame = 0; frame < 2; ++frame) {
      const NativeFrame in = input(c, frame);
      NativeFrame whole = output(c);
      Frame bgr, filtered(c.width, c.height);
      ToBgr().convert(in.av(), bgr);
      kernel.filter_rows(bgr.view(), filtered.view(), 0, c.height, scratch);
      FromBgr(c.width, c.height, c.out).convert(filtered.view(), whole.av());

      bands.apply(in, banded);
      EXPECT_EQ(bands.last_in_bands(), c.in_bands) << name(c);
      EXPECT_TRUE(testing::frame_bytes(banded.av()) == testing::frame_bytes(whole.av())) << name(c) << ", frame " << frame;
      EXPECT_TRUE(same_pixels(bands.input_bgr(), bgr.view())) << name(c) << ", frame " << frame;
    }
  }
}

// A band that libswscale would convert by holding rows back is refused, not half written.
TEST(BgrBands, ConversionsRefuseBandsTheyCannotConvertAlone) {
  const Case odd{AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 64, 63, "box5", false};
  const NativeFrame in = input(odd);
  Frame bgr;
  EXPECT_THROW(ToBgr().convert_rows(in.av(), bgr, 0, 32), Error);
  const Case even{AV_PIX_FMT_YUV420P, AVCOL_SPC_BT470BG, AVCOL_RANGE_MPEG, AV_PIX_FMT_YUV420P, 64, 64, "box5", true};
  EXPECT_THROW(ToBgr().convert_rows(input(even).av(), bgr, 1, 32), Error);
  NativeFrame out = output(odd);
  const Frame filtered(64, 64);
  EXPECT_THROW(FromBgr(64, 64, AV_PIX_FMT_BGR0).convert_rows(filtered.view(), out.av(), 0, 32), Error);
}

}  // namespace
}  // namespace framebench::media
