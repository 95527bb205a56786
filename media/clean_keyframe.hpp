#pragma once
// Which keyframe packets start a decode that needs nothing before them: H.264 and HEVC IDR
// pictures, VP8 and VP9 key frames (which replace every reference the decoder holds), MPEG-1 and
// MPEG-2 I-frames that open a closed GOP, every frame of a codec libavcodec marks intra-only
// (MJPEG, ProRes, DNxHD...), and GIF frames that carry the GIF header. Every later
// frame, in decode and in presentation order, refers only to that frame and what follows it, so a
// decoder restarted there gives exactly the frames a decode from the start gives. Other keyframes
// (open-GOP I-frames, recovery points, MPEG-4 Part 2 I-frames, AV1's) may be followed by frames
// that need the GOP before, or are not read here, and keep VideoReader::seek's pre-roll.
#include <cstddef>
#include <cstdint>

extern "C" {
#include <libavcodec/codec_par.h>
#include <libavcodec/packet.h>
}

namespace framebench::media {

class CleanKeyframes {
 public:
  explicit CleanKeyframes(const AVCodecParameters& par);
  // Whether the packet's picture is an IDR (its first slice's NAL unit says so), a VP8 or VP9 key
  // frame that is shown (its frame header says so), an MPEG-1/2 picture after a GOP header that
  // says the GOP is closed (and its link unbroken), any frame of an intra-only codec, or a GIF
  // frame with the GIF header. False for other codecs and for a packet whose headers cannot be
  // read (never a guess that it is clean).
  bool is_clean(const AVPacket& packet) const;
  // Whether a packet can start a decode at all: flagged a keyframe, and not a GIF frame without
  // the GIF header (libavcodec's GIF encoder flags every frame, and Matroska keeps the flags, but
  // such a frame draws on the canvas the frames before left, and its decoder refuses to start there).
  bool can_start(const AVPacket& packet) const;

 private:
  enum class Codec { other, h264, hevc, vp8, vp9, mpeg12, intra_only, gif };
  bool idr_header(int first, int second) const;
  static bool gif_header(const AVPacket& packet);
  static bool closed_gop_header(const AVPacket& packet);
  bool vcl_type(int header_byte) const;
  Codec codec_ = Codec::other;
  int length_size_ = 0;  // bytes of each NAL unit's length prefix (MP4, Matroska); 0: Annex B start codes
};

}  // namespace framebench::media
