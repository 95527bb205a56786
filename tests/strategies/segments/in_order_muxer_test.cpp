// Chunks' packets muxed in chunk order whatever order they arrive in: a later chunk's wait in
// memory (and are counted) until every chunk before it is done, and the file is the one a single
// encoder of the whole run would give, frame for frame.
#include "strategies/segments/in_order_muxer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media/encoder.hpp"
#include "media/packet_stream.hpp"
#include "tests/media/media_fixtures.hpp"

namespace framebench::strategies {
namespace {
namespace fs = std::filesystem;
using media::testing::decode_hashes;
using media::testing::pattern_frame;

constexpr int kWidth = 64, kHeight = 48;

struct Encoded {
  std::string header;
  std::vector<std::string> packets;
};

// Frames [first, first + count) of the pattern, encoded as a chunk of `output` is.
Encoded encode(const fs::path& output, int first, int count) {
  media::WriterOptions options{.width = kWidth, .height = kHeight, .frame_rate = {25, 1}, .first_frame_index = first};
  media::PacketEncoder encoder(media::encoder("ffv1"), options, output);
  Encoded e{encoder.stream_header(), {}};
  const auto keep = [&](std::string_view packet) { e.packets.emplace_back(packet); };
  for (int i = first; i < first + count; ++i) encoder.write(pattern_frame(kWidth, kHeight, i).view(), keep);
  encoder.finish(keep);
  return e;
}

TEST(InOrderMuxer, ALaterChunkWaitsForTheEarlierOnesAndTheFileIsInOrder) {
  ScratchDir dir("in-order-muxer");
  Job job;
  job.output = dir / "out.mkv";
  job.input_info.frame_rate = {25, 1};
  const std::vector<Segment> chunks = {{0, 0, 3}, {1, 3, 2}, {2, 5, 3}};
  std::vector<Encoded> encoded;
  for (const Segment& s : chunks) encoded.push_back(encode(job.output, static_cast<int>(s.first), static_cast<int>(s.count)));

  InOrderMuxer muxer(job, chunks);
  const auto send = [&](std::size_t c) {
    muxer.take(chunks[c], RecordType::stream_header, std::string(encoded[c].header));
    for (const auto& p : encoded[c].packets) muxer.take(chunks[c], RecordType::packet, std::string(p));
    muxer.done(chunks[c]);
  };
  send(2);  // the last chunk first: nothing of it can go in yet
  EXPECT_EQ(muxer.due(), 0u);
  EXPECT_GT(muxer.buffered_bytes(), 0u);
  send(0);  // the first: in, and ended; chunk 1 is due now, chunk 2 still waits
  EXPECT_EQ(muxer.due(), 1u);
  EXPECT_GT(muxer.buffered_bytes(), 0u);
  send(1);  // the middle one: it and the waiting last one go in
  EXPECT_EQ(muxer.due(), 3u);
  EXPECT_EQ(muxer.buffered_bytes(), 0u);
  muxer.finish();
  EXPECT_EQ(muxer.frames_written(), 8);

  // The same frames from one encoder, one part: the frames must be the same, in the same order.
  const fs::path whole = dir / "whole.mkv";
  const Encoded all = encode(whole, 0, 8);
  media::PartMuxer reference(whole, {25, 1});
  reference.begin_part(all.header, 0, 8);
  for (const auto& p : all.packets) reference.write(p);
  reference.end_part();
  reference.finish();
  const auto hashes = decode_hashes(job.output);
  EXPECT_EQ(hashes.size(), 8u);
  EXPECT_EQ(hashes, decode_hashes(whole));
}

// A file whose chunks never all arrived is not left behind.
TEST(InOrderMuxer, AnUnfinishedOutputIsRemoved) {
  ScratchDir dir("in-order-muxer-unfinished");
  Job job;
  job.output = dir / "out.mkv";
  job.input_info.frame_rate = {25, 1};
  const std::vector<Segment> chunks = {{0, 0, 2}, {1, 2, 2}};
  {
    InOrderMuxer muxer(job, chunks);
    const Encoded first = encode(job.output, 0, 2);
    muxer.take(chunks[0], RecordType::stream_header, std::string(first.header));
    for (const auto& p : first.packets) muxer.take(chunks[0], RecordType::packet, std::string(p));
    muxer.done(chunks[0]);
  }
  EXPECT_FALSE(fs::exists(job.output));
  EXPECT_TRUE(fs::is_empty(dir.path())) << "a temporary was left";
}

}  // namespace
}  // namespace framebench::strategies
