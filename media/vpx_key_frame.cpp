#include "media/vpx_key_frame.hpp"

#include <cstddef>
#include <cstdint>

namespace framebench::media {

// The frame tag's first bit is 0 for a key frame, its fifth 1 where it is shown; the key frame's
// start code follows the three tag bytes, then 14 bits of each size and 2 of scaling, which
// decoders leave to the display.
std::optional<VpxKeyFrame> vp8_key_frame(const AVPacket& packet) {
  const std::uint8_t* d = packet.data;
  if (!d || packet.size < 6 || (d[0] & 1) != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a) return std::nullopt;
  VpxKeyFrame key{(d[0] & 0x10) != 0, 0, 0, "yuv420p"};
  if (packet.size >= 10) {
    key.width = (d[6] | (d[7] << 8)) & 0x3fff;
    key.height = (d[8] | (d[9] << 8)) & 0x3fff;
  }
  return key;
}

// The uncompressed header: frame marker 2, the profile, show_existing_frame 0, frame_type 0 (key),
// show_frame, error_resilient_mode, the sync code 0x49 0x83 0x42, the colour configuration, then
// the frame size. A key frame refreshes all eight reference slots, so nothing after it refers to
// what came before.
std::optional<VpxKeyFrame> vp9_key_frame(const AVPacket& packet) {
  if (!packet.data || packet.size <= 0) return std::nullopt;
  const auto bits = static_cast<std::size_t>(packet.size) * 8;
  std::size_t bit = 0;
  bool short_read = false;
  const auto read = [&](int n) {
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i, ++bit) {
      if (bit >= bits) return short_read = true, 0u;
      v = (v << 1) | ((packet.data[bit / 8] >> (7 - bit % 8)) & 1);
    }
    return v;
  };
  if (read(2) != 2) return std::nullopt;
  const std::uint32_t profile_low = read(1);  // two reads, in the order the bits come
  const std::uint32_t profile = profile_low | (read(1) << 1);
  if (profile == 3 && read(1) != 0) return std::nullopt;
  if (read(1) != 0 || read(1) != 0) return std::nullopt;  // show_existing_frame; not a key frame
  const bool shown = read(1) != 0;
  read(1);  // error_resilient_mode
  if (read(24) != 0x498342 || short_read) return std::nullopt;
  const int depth = profile >= 2 ? (read(1) ? 12 : 10) : 8;
  const std::uint32_t color_space = read(3);
  bool x = true, y = true;  // chroma subsampled across and down: 4:2:0
  const bool odd_profile = profile == 1 || profile == 3;  // the profiles of other subsamplings and RGB
  if (color_space != 7) {  // not RGB
    read(1);               // color_range
    if (odd_profile) {
      x = read(1) != 0;
      y = read(1) != 0;
      read(1);
      if (x && y) return std::nullopt;  // 4:2:0 is for profiles 0 and 2 only: libavcodec refuses it
    }
  } else {
    if (!odd_profile) return std::nullopt;  // RGB is for profiles 1 and 3 only
    x = y = false;
    read(1);
  }
  const int width = static_cast<int>(read(16)) + 1, height = static_cast<int>(read(16)) + 1;
  if (short_read) return VpxKeyFrame{shown, 0, 0, ""};  // a key frame, its shape cut short
  std::string format = color_space == 7 ? "gbrp" : x && y ? "yuv420p" : x ? "yuv422p" : y ? "yuv440p" : "yuv444p";
  if (depth > 8) format += std::to_string(depth) + "le";
  return VpxKeyFrame{shown, width, height, format};
}

}  // namespace framebench::media
