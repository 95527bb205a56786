#pragma once
// Encoded video that never becomes a part file: a segment worker encodes its frames into packets
// that travel to the parent as bytes (through a pipe), and the parent muxes the segments' packets
// into the one output file, in frame order, as they arrive. The bytes are opaque outside media/:
// a stream header (the codec parameters) once per segment, then one blob per packet.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/frame.hpp"
#include "media/encoder.hpp"
#include "media/native_frame.hpp"
#include "media/video_writer.hpp"

namespace framebench::media {

using PacketSink = std::function<void(std::string_view packet)>;

// BGR24 frames -> encoded packets, with the same encoder settings VideoWriter applies (codec
// options, thread budget, keyframe interval). Timestamps count frames from
// options.first_frame_index, so segments of one video line up without rewriting.
class PacketEncoder {
 public:
  // `output` is the final file: its container decides whether the codec setup goes in a global
  // header, so that every segment's packets fit it.
  PacketEncoder(const EncoderSpec& encoder, const WriterOptions& options, const std::filesystem::path& output);
  ~PacketEncoder();
  PacketEncoder(const PacketEncoder&) = delete;
  PacketEncoder& operator=(const PacketEncoder&) = delete;

  // The codec parameters, serialised: the same bytes for every encoder with the same settings.
  const std::string& stream_header() const;
  // Encodes one frame; packets the encoder releases go to `sink`.
  void write(ConstFrameView frame, const PacketSink& sink);
  // In the encoder's own pixel format (copied in unconverted), or BGR24.
  void write(const PlanarFrame& frame, const PacketSink& sink);
  // The native pixel path without that copy (FrameEncoder's frame_to_fill and write).
  std::vector<FrameView> frame_to_fill(NativeFrame& frame) const;
  void ready_to_fill(NativeFrame& frame) const;
  void write(NativeFrame& frame, const PacketSink& sink);
  // Drains the encoder into `sink`.
  void finish(const PacketSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Muxes the packets of consecutive segments into one file (written atomically on finish()).
// Decode timestamps are rebuilt from the frame order, so they rise strictly across segment joins
// even when B-frames make each segment start decoding before its first presentation time.
class PartMuxer {
 public:
  // `times`: a variable-rate input's frame times, which the parts' packets are stamped with.
  // `shown`: the input's pixel aspect and display matrix, set on the output as VideoWriter sets
  // them (the colour tags come with the encoder's stream header). Not the header's aspect: an
  // encoder may round it into its bitstream (MPEG-4 writes 1436:1923 as 115:154).
  PartMuxer(const std::filesystem::path& output, Rational frame_rate, FrameTimes times = {}, Presentation shown = {});
  ~PartMuxer();  // an unfinished output is removed
  PartMuxer(const PartMuxer&) = delete;
  PartMuxer& operator=(const PartMuxer&) = delete;

  // Starts the next segment, frames [first_frame, first_frame + frame_count); segments must come
  // in order and their stream headers must match the first one's. Throws Error otherwise.
  void begin_part(std::string_view stream_header, std::int64_t first_frame, std::int64_t frame_count);
  void write(std::string_view packet);
  // Throws Error unless the segment had exactly frame_count packets.
  void end_part();
  void finish();
  std::int64_t frames_written() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
