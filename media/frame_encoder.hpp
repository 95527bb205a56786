#pragma once
// One encoder, opened the way every writer in media/ opens it: EncoderSpec's options read one
// way, threads and keyframe interval bounded to what was asked, BGR24 frames converted to the
// encoder's format and stamped with consecutive frame indices. VideoWriter muxes the packets into
// a file; PacketEncoder sends them to another process.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"
#include "media/encoder.hpp"
#include "media/native_frame.hpp"
#include "media/video_writer.hpp"

struct AVCodecContext;
struct AVPacket;

namespace framebench::media {

class FrameEncoder {
 public:
  // Called for each packet the encoder releases; timestamps are in the encoder's time base.
  using PacketHandler = std::function<void(AVPacket& packet)>;

  // Throws InputError, prefixed with `where`, for an unavailable encoder or options no encoder
  // takes; meant to run before anything else is created.
  static void validate(const EncoderSpec& spec, const WriterOptions& options, const std::string& where);

  // `global_header`: the container wants the codec setup once in its header (mp4, mkv).
  FrameEncoder(const EncoderSpec& spec, const WriterOptions& options, bool global_header, std::string where);
  ~FrameEncoder();
  FrameEncoder(const FrameEncoder&) = delete;
  FrameEncoder& operator=(const FrameEncoder&) = delete;

  const AVCodecContext& codec() const;
  void write(ConstFrameView frame, const PacketHandler& on_packet);
  // A frame in the encoder's own pixel format is copied in as it is (the native pixel path);
  // a BGR24 one is converted like the ConstFrameView above.
  void write(const PlanarFrame& frame, const PacketHandler& on_packet);
  // The native pixel path without that copy, in frames the caller holds (several may be in
  // flight at once): `frame` given the encoder's format and size if empty, new buffers if the
  // encoder still holds its old ones (nothing copied), and its planes returned to be filled in
  // place; then write(frame) sends it. frame_to_fill touches nothing write changes: it may run
  // on one thread while write runs on another (tbb-pipeline's decode and encode stages).
  std::vector<FrameView> frame_to_fill(NativeFrame& frame) const;
  // The same without the planes' views, for frames filled in libav's terms (media::BgrBands),
  // whatever their layout.
  void ready_to_fill(NativeFrame& frame) const;
  void write(NativeFrame& frame, const PacketHandler& on_packet);
  // Drains the encoder; nothing may be written afterwards.
  void finish(const PacketHandler& on_packet);
  std::int64_t frames_written() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
