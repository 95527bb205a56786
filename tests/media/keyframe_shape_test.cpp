#include "media/keyframe_shape.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace framebench::media {
namespace {

using Bytes = std::vector<std::uint8_t>;

void put32(Bytes& b, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A chunk: its length, type, data and a CRC (not checked here, so zero).
void chunk(Bytes& b, const std::string& type, const Bytes& data) {
  put32(b, static_cast<std::uint32_t>(data.size()));
  b.insert(b.end(), type.begin(), type.end());
  b.insert(b.end(), data.begin(), data.end());
  put32(b, 0);
}

// A PNG's start: the signature and header, then `before_image` chunks, then image data.
Bytes png(std::uint32_t width, std::uint32_t height, int depth, int colour, const std::vector<std::string>& before_image = {}) {
  Bytes b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes header;
  put32(header, width);
  put32(header, height);
  header.insert(header.end(), {static_cast<std::uint8_t>(depth), static_cast<std::uint8_t>(colour), 0, 0, 0});
  chunk(b, "IHDR", header);
  for (const auto& type : before_image) chunk(b, type, {0, 0, 0, 0, 0, 0});
  chunk(b, "IDAT", {0x78, 0x9c});
  return b;
}

std::optional<KeyframeShape> shape(Bytes data) {
  AVPacket packet{};
  packet.data = data.data();
  packet.size = static_cast<int>(data.size());
  return png_frame_shape(packet);
}

std::string format_of(Bytes data) {
  const auto s = shape(std::move(data));
  return s ? s->pixel_format : "(none)";
}

TEST(PngFrameShape, TheHeaderGivesTheSizeAndTheFormatTheDecoderMakes) {
  const auto s = shape(png(640, 360, 8, 2));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->width, 640);
  EXPECT_EQ(s->height, 360);
  EXPECT_EQ(s->pixel_format, "rgb24");
  EXPECT_EQ(format_of(png(8, 8, 16, 2)), "rgb48be");
  EXPECT_EQ(format_of(png(8, 8, 8, 0)), "gray");
  EXPECT_EQ(format_of(png(8, 8, 4, 0)), "gray");  // widened to 8 bits
  EXPECT_EQ(format_of(png(8, 8, 1, 0)), "monob");
  EXPECT_EQ(format_of(png(8, 8, 8, 3)), "pal8");
  EXPECT_EQ(format_of(png(8, 8, 8, 4)), "ya8");
  EXPECT_EQ(format_of(png(8, 8, 8, 6)), "rgba");
}

// Found 7 December 2026 by a review: libavcodec decodes grey and RGB with a transparency chunk
// with an alpha channel.
TEST(PngFrameShape, ATransparencyChunkBeforeTheImageAddsAlpha) {
  EXPECT_EQ(format_of(png(8, 8, 8, 0, {"tRNS"})), "ya8");
  EXPECT_EQ(format_of(png(8, 8, 8, 2, {"gAMA", "tRNS"})), "rgba");
  EXPECT_EQ(format_of(png(8, 8, 16, 2, {"tRNS"})), "rgba64be");
  EXPECT_EQ(format_of(png(8, 8, 8, 3, {"PLTE", "tRNS"})), "pal8");
  EXPECT_EQ(format_of(png(8, 8, 2, 0, {"tRNS"})), "") << "not read: unknown, so never compared";
  // A chunk after the image data is not the picture's.
  Bytes late = png(8, 8, 8, 0);
  chunk(late, "tRNS", {0, 0});
  EXPECT_EQ(format_of(late), "gray");
}

TEST(PngFrameShape, WhatIsNotAPngOrIsCutShortHasNoShape) {
  EXPECT_FALSE(shape({0xff, 0xd8, 0xff, 0xe0}));
  Bytes cut = png(8, 8, 8, 2);
  cut.resize(20);
  EXPECT_FALSE(shape(cut));
  EXPECT_FALSE(shape(png(0, 8, 8, 2)));
  // A chunk whose length runs past the packet ends the walk without reading past it.
  Bytes overlong = png(8, 8, 8, 0);
  overlong.resize(33);
  put32(overlong, 0xfffffff0);
  overlong.insert(overlong.end(), {'t', 'E', 'X', 't'});
  EXPECT_EQ(format_of(overlong), "gray");
}

}  // namespace
}  // namespace framebench::media
