// The in-memory strategy's packet stream: segments' packets muxed into one file, and a stream
// header that says anything libav does not define refused, field by field, before it is used.
#include "media/packet_stream.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "media_fixtures.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;
using testing::pattern_frame;

constexpr int kWidth = 64, kHeight = 48, kFrames = 6;

struct Encoded {
  std::string header;
  std::vector<std::string> packets;
};

Encoded encode(const fs::path& output) {
  WriterOptions options;
  options.width = kWidth;
  options.height = kHeight;
  PacketEncoder packets(encoder("ffv1"), options, output);
  Encoded e{packets.stream_header(), {}};
  const auto keep = [&](std::string_view packet) { e.packets.emplace_back(packet); };
  for (int i = 0; i < kFrames; ++i) packets.write(pattern_frame(kWidth, kHeight, i).view(), keep);
  packets.finish(keep);
  return e;
}

// The header is little-endian 64-bit fields in a fixed order; `index` counts them from 0.
std::string with_field(std::string header, int index, std::int64_t value) {
  std::memcpy(header.data() + index * sizeof value, &value, sizeof value);
  return header;
}

TEST(media_packet_stream, segments_packets_become_one_file) {
  ScratchDir dir("packet-stream");
  const fs::path out = dir / "out.mkv";
  const Encoded e = encode(out);
  ASSERT_EQ(e.packets.size(), static_cast<std::size_t>(kFrames));
  PartMuxer muxer(out, Rational{25, 1});
  muxer.begin_part(e.header, 0, kFrames);
  for (const auto& packet : e.packets) muxer.write(packet);
  muxer.end_part();
  muxer.finish();
  EXPECT_EQ(probe(out).frame_count, kFrames);
}

TEST(media_packet_stream, a_header_field_libav_does_not_define_is_refused_by_name) {
  ScratchDir dir("packet-stream");
  const fs::path out = dir / "out.mkv";
  const std::string header = encode(out).header;
  const struct {
    int index;
    std::int64_t value;
    const char* named;
  } bad[] = {{0, 1, "not a video stream"},          {1, 0x7fff0000, "codec id 2147418112"}, {2, -1, "pixel format -1"},
             {2, 100000, "pixel format 100000"},   {3, 0, "width 0"},                       {4, 1 << 20, "height 1048576"},
             {5, 1LL << 40, "profile"},            {7, -5, "bit rate -5"},                  {8, 99, "field order 99"},
             {9, -3, "colour range -3"},           {10, 200, "colour primaries 200"},       {11, 300, "transfer characteristic 300"},
             {12, 142, "colour space 142"},        {13, 77, "chroma location 77"},          {15, -1, "sample aspect ratio -1"},
             {16, -2, "video delay -2"},           {19, 0, "time base 0"},                  {20, -25, "time base -25"}};
  for (const auto& b : bad) {
    PartMuxer muxer(out, Rational{25, 1});
    try {
      muxer.begin_part(with_field(header, b.index, b.value), 0, kFrames);
      ADD_FAILURE() << "field " << b.index << " = " << b.value << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(b.named), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("corrupt packet stream"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(fs::exists(out)) << "a refused stream left its output";
}

}  // namespace
}  // namespace framebench::media
