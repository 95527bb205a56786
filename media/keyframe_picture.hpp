#pragma once
// Whether a packet the container flags as a keyframe holds a picture that can start a decode, as
// the picture's own header says. Containers do not always know: an MP4 without a sync-sample table
// (stss) flags every sample, and Matroska muxers may flag every block. A decoder restarted at a P-
// or B-picture so flagged puts out frames built on nothing, without flagging them damaged (found
// 7 December 2026 by a sweep of GOP structures: MPEG-4, MPEG-2 and HEVC in MP4 with every sample a
// sync sample, where the segment strategies' boundary check refused their own chunks, exit 1).
#include "media/packet_parser.hpp"

namespace framebench::media {

class KeyframePictures {
 public:
  explicit KeyframePictures(const AVCodecParameters& par) : parser_(par) {}

  // False where libavcodec's parser for the codec reads the packet's picture type as predicted
  // (P, B, S) and the picture says nothing else makes it a restart point (an H.264 recovery point,
  // an HEVC random-access picture); true otherwise, and for codecs without a parser that reads
  // picture types, so that only a flag the bitstream contradicts is overruled.
  bool holds_intra_picture(const AVPacket& packet);

 private:
  PacketParser parser_;
};

}  // namespace framebench::media
