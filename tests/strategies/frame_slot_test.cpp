// FrameSlot, one frame on its way through a strategy: on either pixel path the filter gets an
// output plane for every input plane, of the same shape, and on the native path the output is
// the encoder's own frame, so what the filter writes there is what gets encoded. SlotFilter on
// bgr24_bands writes what bgr24's whole frames would.
#include <gtest/gtest.h>

#include "core/frame_hash.hpp"
#include "core/scratch_dir.hpp"
#include "kernels/implementation.hpp"
#include "kernels/planar_filter.hpp"
#include "media/native_planes.hpp"
#include "media/output_encoding.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/frame_slot.hpp"
#include "strategies/slot_filter.hpp"
#include "tests/media/media_fixtures.hpp"

namespace framebench::strategies {
namespace {

// A lossless clip of odd size, so that chroma planes are rounded up.
std::filesystem::path make_clip(const ScratchDir& dir) {
  const auto path = dir / "in.mkv";
  media::VideoWriter writer(path, media::native_encoder(media::encoder("ffv1"), "yuv420p", "test"), {.width = 35, .height = 19});
  for (int i = 0; i < 3; ++i) {
    media::NativeFrame frame;
    for (const FrameView& p : writer.frame_to_fill(frame))
      for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width * p.channels; ++x) p.row(y)[x] = static_cast<std::uint8_t>(40 * i + 3 * y + x);
    writer.write(frame);
  }
  writer.finish();
  return path;
}

void expect_same_shapes(const FrameSlot& slot) {
  ASSERT_EQ(slot.in_planes.size(), slot.out_planes.size());
  for (std::size_t p = 0; p < slot.in_planes.size(); ++p) {
    EXPECT_EQ(slot.in_planes[p].width, slot.out_planes[p].width) << p;
    EXPECT_EQ(slot.in_planes[p].height, slot.out_planes[p].height) << p;
    EXPECT_EQ(slot.in_planes[p].channels, slot.out_planes[p].channels) << p;
  }
}

TEST(FrameSlot, EveryInputPlaneGetsAnOutputPlaneOfItsShapeOnBothPaths) {
  const ScratchDir dir("frame-slot-test");
  const auto clip = make_clip(dir);
  for (const PixelPath pixels : {PixelPath::bgr24, PixelPath::native}) {
    // bgr24_bands converts between the decoder's and the encoder's frames (the test below).
    const SlotPath path = pixels == PixelPath::native ? SlotPath::native : SlotPath::bgr24;
    media::VideoReader reader(clip, {.pixels = pixels});
    const auto encoder = media::encoder_for_path(media::encoder("ffv1"), pixels, reader.info());
    media::VideoWriter writer(dir / "out.mkv", encoder, {.width = 35, .height = 19});
    FrameSlot slot;
    int frames = 0;
    while (slot.read(reader, writer, path)) {
      ++frames;
      expect_same_shapes(slot);
      EXPECT_EQ(slot.in_planes.size(), pixels == PixelPath::native ? 3u : 1u);
      if (pixels == PixelPath::native) {
        EXPECT_EQ(slot.in_planes[1].width, 18);
      }
      slot.write(writer, path);
    }
    EXPECT_EQ(frames, 3);
    writer.finish();
  }
}

// Filled through the slot and written, the native output decodes to what was filled.
TEST(FrameSlot, WhatIsFilledOnTheNativePathIsWhatIsEncoded) {
  const ScratchDir dir("frame-slot-test");
  const auto clip = make_clip(dir);
  media::VideoReader reader(clip, {.pixels = PixelPath::native});
  const auto out = dir / "out.mkv";
  {
    media::VideoWriter writer(out, media::encoder_for_path(media::encoder("ffv1"), PixelPath::native, reader.info()),
                              {.width = 35, .height = 19});
    FrameSlot slot;
    while (slot.read(reader, writer, SlotPath::native)) {
      for (std::size_t p = 0; p < slot.in_planes.size(); ++p) {  // the "filter": 255 - pixel
        const ConstFrameView in = slot.in_planes[p];
        const FrameView to = slot.out_planes[p];
        for (int y = 0; y < in.height; ++y)
          for (int x = 0; x < in.width * in.channels; ++x) to.row(y)[x] = static_cast<std::uint8_t>(255 - in.row(y)[x]);
      }
      slot.write(writer, SlotPath::native);
    }
    writer.finish();
  }
  media::VideoReader original(clip, {.pixels = PixelPath::native}), filtered(out, {.pixels = PixelPath::native});
  FrameSlot a, b;
  int frames = 0;
  while (a.read_input(original, SlotPath::native)) {
    ASSERT_TRUE(b.read_input(filtered, SlotPath::native));
    ++frames;
    for (std::size_t p = 0; p < a.in_planes.size(); ++p)
      for (int y = 0; y < a.in_planes[p].height; ++y)
        for (int x = 0; x < a.in_planes[p].width; ++x)
          ASSERT_EQ(b.in_planes[p].row(y)[x], 255 - a.in_planes[p].row(y)[x]) << "frame " << frames << " plane " << p;
  }
  EXPECT_EQ(frames, 3);
}

// The same clip through bgr24 (whole BGR24 frames: the reader converts, the filter, the writer
// converts back) and through bgr24_bands (SlotFilter converting and filtering in bands into the
// encoder's frame), into a lossless yuv420p encoder: the same frames come out, and the frames
// SlotFilter says it filtered are the reader's BGR24 ones (the segment workers hash those).
TEST(SlotFilter, BandsWriteWhatWholeBgrFramesWrite) {
  const ScratchDir dir("frame-slot-test");
  const auto clip = dir / "in.mp4";
  media::testing::make_cli_clip(clip, 160, 132, "25", 4, {"-c:v", "libx264", "-pix_fmt", "yuv420p"});
  const auto kernel = kernels::make_kernel("gaussian5");
  const auto encoder = media::native_encoder(media::encoder("ffv1"), "yuv420p", "test");
  for (const SlotPath path : {SlotPath::bgr24, SlotPath::bgr24_bands}) {
    media::VideoReader reader(clip, {.pixels = PixelPath::bgr24}), look(clip, {.pixels = PixelPath::bgr24});
    media::VideoWriter writer(dir / (path == SlotPath::bgr24 ? "whole.mkv" : "bands.mkv"), encoder, {.width = 160, .height = 132});
    SlotFilter filter(kernel, path);
    FrameSlot slot, reference;
    while (slot.read(reader, writer, path)) {
      filter.apply(slot);
      ASSERT_TRUE(reference.read_input(look, SlotPath::bgr24));
      EXPECT_EQ(hash_pixels(filter.input_planes(slot)), hash_pixels(reference.in_planes));
      slot.write(writer, path);
    }
    writer.finish();
  }
  const auto whole = media::testing::decode_hashes(dir / "whole.mkv"), bands = media::testing::decode_hashes(dir / "bands.mkv");
  EXPECT_EQ(whole.size(), 4u);
  EXPECT_EQ(whole, bands);
}

}  // namespace
}  // namespace framebench::strategies
