#pragma once
// What a VP8 or VP9 key frame's own header says, read without decoding (RFC 6386 9.1; VP9
// bitstream 6.2): whether it is shown, its size, and for VP9 the pixel format its colour
// configuration makes. Both whether a key frame restarts a decode cleanly (media::CleanKeyframes)
// and its shape (media::KeyframeShapes) are read here.
#include <optional>
#include <string>

extern "C" {
#include <libavcodec/packet.h>
}

namespace framebench::media {

struct VpxKeyFrame {
  bool shown = false;  // a hidden key frame is shown later by another packet
  int width = 0;   // 0 where the packet ends before the size
  int height = 0;
  std::string pixel_format;  // as libavcodec's decoder names what it puts out
};

// The key frame header at the start of the packet (a VP9 superframe's first frame); nullopt for
// any other frame, one cut short before its sync or start code, or colour settings libavcodec
// refuses.
std::optional<VpxKeyFrame> vp8_key_frame(const AVPacket& packet);
std::optional<VpxKeyFrame> vp9_key_frame(const AVPacket& packet);

}  // namespace framebench::media
