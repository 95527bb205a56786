// NativeFrame, the native pixel path's frames held by reference: decoded frames kept while the
// decoder goes on (tbb-pipeline holds one per token) are the frames read() copies out, and
// frames filled for the encoder, several in turn, make the same file as frames written by copy.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/libav.hpp"
#include "media/native_frame.hpp"
#include "media/native_planes.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media {
namespace {

// H.264 with B-frames: the decoder keeps reference frames of its own in the buffers it hands out,
// so frames held here must stay what they were while it decodes on.
TEST(NativeFrame, DecodedFramesHeldTogetherAreThoseReadByCopy) {
  const ScratchDir dir("native-frame-test");
  const auto clip = dir / "clip.mp4";
  testing::make_cli_clip(clip, 64, 36, "25", 12, {"-c:v", "libx264", "-bf", "2", "-g", "6", "-pix_fmt", "yuv420p"});
  VideoReader by_copy(clip, {.pixels = PixelPath::native}), by_reference(clip, {.pixels = PixelPath::native});
  std::vector<PlanarFrame> copies;
  std::vector<NativeFrame> held;
  for (;;) {
    PlanarFrame copy;
    NativeFrame frame;
    const bool more = by_copy.read(copy);
    ASSERT_EQ(by_reference.read(frame), more);
    if (!more) break;
    copies.push_back(std::move(copy));
    held.push_back(std::move(frame));
  }
  ASSERT_EQ(held.size(), 12u);
  for (std::size_t i = 0; i < held.size(); ++i) {
    const auto planes = held[i].planes();
    ASSERT_EQ(planes.size(), 3u) << i;
    for (std::size_t p = 0; p < planes.size(); ++p) EXPECT_TRUE(same_pixels(planes[p], copies[i].planes[p].view())) << i << " " << p;
  }
}

// On the BGR24 path a decoded frame is converted later, on any thread: exactly as read() converts.
// A 10-bit input, which the native path refuses, is read too: only the conversion looks at it.
TEST(NativeFrame, OnTheBgrPathADecodedFrameConvertsAsReadDoes) {
  const ScratchDir dir("native-frame-test");
  for (const std::string pixel_format : {"yuv420p", "yuv420p10le"}) {
    const auto clip = dir / (pixel_format + ".mkv");
    testing::make_cli_clip(clip, 48, 32, "25", 3, {"-c:v", "ffv1", "-pix_fmt", pixel_format});
    VideoReader by_read(clip), by_frame(clip);
    PlanarFrame want, got;
    NativeFrame decoded;
    NativeToBgr to_bgr;
    int frames = 0;
    while (by_read.read(want)) {
      ASSERT_TRUE(by_frame.read(decoded)) << pixel_format;
      to_bgr.convert(decoded, got);
      ++frames;
      EXPECT_EQ(got.format, "bgr24");
      EXPECT_TRUE(same_pixels(want, got)) << pixel_format << " frame " << frames;
    }
    EXPECT_FALSE(by_frame.read(decoded));
    EXPECT_EQ(frames, 3) << pixel_format;
  }
  VideoReader native(dir / "yuv420p10le.mkv", {.pixels = PixelPath::native});
  NativeFrame frame;
  EXPECT_THROW(native.read(frame), InputError);
}

// The GPU strategies convert straight into pinned frames: into a view of Frame's padded stride or
// wider, the bytes read() gives; a view of another size, or a stride libswscale would overrun, is
// refused before anything is written.
TEST(NativeFrame, ConvertsIntoTheCallersMemoryAsReadDoes) {
  const ScratchDir dir("native-frame-test");
  const auto clip = dir / "clip.mkv";
  testing::make_cli_clip(clip, 50, 30, "25", 2, {"-c:v", "ffv1", "-pix_fmt", "yuv420p"});
  const std::ptrdiff_t stride = padded_stride(50, 3) + 64;
  std::vector<std::uint8_t> memory(static_cast<std::size_t>(stride) * 30, 0xa5);
  const FrameView into{memory.data(), 50, 30, stride, 3};
  VideoReader by_read(clip), by_frame(clip);
  NativeToBgr to_bgr;
  NativeFrame decoded;
  Frame want;
  int frames = 0;
  while (by_read.read(want)) {
    ASSERT_TRUE(by_frame.read(decoded));
    to_bgr.convert(decoded, into);
    ++frames;
    EXPECT_TRUE(same_pixels(want.view(), ConstFrameView(into))) << "frame " << frames;
  }
  EXPECT_EQ(frames, 2);
  const std::vector<std::uint8_t> before = memory;
  EXPECT_THROW(to_bgr.convert(decoded, FrameView{memory.data(), 48, 30, stride, 3}), Error);
  EXPECT_THROW(to_bgr.convert(decoded, FrameView{memory.data(), 50, 30, stride, 4}), Error);
  EXPECT_THROW(to_bgr.convert(decoded, FrameView{memory.data(), 50, 30, 3 * 50 + 2, 3}), Error);
  EXPECT_EQ(memory, before);
}

TEST(NativeFrame, FramesFilledInTurnMakeTheFileThatCopiedFramesMake) {
  const ScratchDir dir("native-frame-test");
  std::mt19937 rng(11);
  std::vector<PlanarFrame> frames(5);
  for (PlanarFrame& f : frames) {
    f.reshape("yuv420p", native_planes("yuv420p", 35, 19, "test"));
    for (Frame& p : f.planes)
      for (int y = 0; y < p.height(); ++y)
        for (int x = 0; x < p.width(); ++x) p.row(y)[x] = static_cast<std::uint8_t>(rng());
  }
  const EncoderSpec spec = native_encoder(encoder("ffv1"), "yuv420p", "test");
  const WriterOptions options{.width = 35, .height = 19, .threads = 1};
  const auto copied = dir / "copied.mkv", filled = dir / "filled.mkv";
  {
    VideoWriter writer(copied, spec, options);
    for (const PlanarFrame& f : frames) writer.write(f);
    writer.finish();
  }
  {
    VideoWriter writer(filled, spec, options);
    NativeFrame never_filled;
    EXPECT_THROW(writer.write(never_filled), Error);
    std::vector<NativeFrame> slots(2);  // reused in turn, as pipeline tokens reuse theirs
    for (std::size_t i = 0; i < frames.size(); ++i) {
      NativeFrame& slot = slots[i % slots.size()];
      const std::vector<FrameView> planes = writer.frame_to_fill(slot);
      ASSERT_EQ(planes.size(), frames[i].planes.size());
      for (std::size_t p = 0; p < planes.size(); ++p) copy_pixels(frames[i].planes[p].view(), planes[p]);
      writer.write(slot);
    }
    writer.finish();
  }
  const std::string a = framebench::testing::slurp(copied), b = framebench::testing::slurp(filled);
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(a == b) << "ffv1 and the muxer are deterministic, so the same frames make the same bytes";
}

// An encoder that still holds a frame it was sent (libavcodec's frame-threaded encoders do) must
// not see it overwritten: the next frame_to_fill gives the slot new buffers, and the held
// reference keeps its pixels.
TEST(NativeFrame, AFrameStillHeldElsewhereGetsNewBuffersToFill) {
  const ScratchDir dir("native-frame-test");
  VideoWriter writer(dir / "out.mkv", native_encoder(encoder("ffv1"), "yuv420p", "test"), {.width = 16, .height = 8, .threads = 1});
  NativeFrame slot;
  std::vector<FrameView> planes = writer.frame_to_fill(slot);
  for (const FrameView& p : planes)
    for (int y = 0; y < p.height; ++y) std::fill_n(p.row(y), p.width * p.channels, std::uint8_t{7});
  NativeFrame held;  // a second reference to the same buffers, as an encoder keeps one
  ASSERT_EQ(av_frame_ref(&held.av(), &slot.av()), 0);
  const std::uint8_t* first = planes[0].row(0);
  planes = writer.frame_to_fill(slot);
  EXPECT_NE(planes[0].row(0), first) << "filling would have overwritten the held frame";
  std::fill_n(planes[0].row(0), planes[0].width, std::uint8_t{200});
  EXPECT_EQ(held.planes()[0].row(0)[0], 7);
  // Nobody else holds the new buffers: filling again reuses them.
  const std::uint8_t* second = planes[0].row(0);
  EXPECT_EQ(writer.frame_to_fill(slot)[0].row(0), second);
}

}  // namespace
}  // namespace framebench::media
