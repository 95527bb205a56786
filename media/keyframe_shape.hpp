#pragma once
// The frame size and pixel format a keyframe packet's headers give, read without decoding: H.264
// and HEVC parameter sets and AV1 sequence and frame headers by libavcodec's parsers; VP8 and VP9
// key frame headers, MJPEG frames' start-of-frame segments and PNG image headers here. A stream
// whose size changes part way (clips of two sizes joined) is found when the input is probed,
// before any strategy runs, and so is one whose pixel format changes, which the native path cannot
// take. The ffmpeg CLI's peers and OpenCV scale and convert such frames to the first's without a
// word, where the libav reader refuses them (found for VP8, VP9 and AV1 on 7 December 2026 by a
// sweep of codecs: the peers exited 0 with the later frames scaled, and the chunked strategies
// named the first frame of new size each of their readers met; the same for MJPEG, and for PNG,
// where the CLI's peers printed their result before verification refused it).
#include <optional>
#include <string>

#include "media/packet_parser.hpp"

namespace framebench::media {

struct KeyframeShape {
  int width = 0;
  int height = 0;
  std::string pixel_format;  // empty where the headers give none
};

class KeyframeShapes {
 public:
  explicit KeyframeShapes(const AVCodecParameters& par);

  // The shape of a keyframe packet's picture, its size as decoded frames have it; nullopt for
  // other codecs, for a packet that is not a key frame, or where no size is read.
  std::optional<KeyframeShape> of(const AVPacket& packet);

 private:
  AVCodecID codec_ = AV_CODEC_ID_NONE;
  int height_ = 0;  // the stream's, which an interlaced MJPEG frame's two fields make together
  std::optional<PacketParser> parser_;  // H.264, HEVC and AV1 only: where its size is the decoded frame's (cropped)
};

// The shape a JPEG's start-of-frame segment gives (ITU T.81 B.2.2), the format named as
// libavcodec's MJPEG decoder names it from the components' sampling; nullopt where there is none
// before the scan.
std::optional<KeyframeShape> mjpeg_frame_shape(const AVPacket& packet);

// The shape a PNG's image header gives (its first chunk, ISO/IEC 15948 11.2.2), the format named as
// libavcodec's PNG decoder names it; nullopt where the packet does not start with one.
std::optional<KeyframeShape> png_frame_shape(const AVPacket& packet);

}  // namespace framebench::media
