#include "media/convert.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "core/frame_hash.hpp"

namespace framebench::media {
namespace {

struct AvFrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
using AvFramePtr = std::unique_ptr<AVFrame, AvFrameDeleter>;

AvFramePtr grey_yuv420p(int width, int height) {
  AvFramePtr f(av_frame_alloc());
  f->width = width;
  f->height = height;
  f->format = AV_PIX_FMT_YUV420P;
  if (av_frame_get_buffer(f.get(), 0) < 0) throw std::runtime_error("av_frame_get_buffer");
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

}  // namespace
}  // namespace framebench::media
