#include "media/keyframe_shape.hpp"

#include <cstdint>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace framebench::media {

KeyframeShapes::KeyframeShapes(const AVCodecParameters& par) : codec_(par.codec_id), height_(par.height) {
  if (codec_ == AV_CODEC_ID_H264 || codec_ == AV_CODEC_ID_HEVC || codec_ == AV_CODEC_ID_AV1) parser_.emplace(par);
}

std::optional<KeyframeShape> KeyframeShapes::of(const AVPacket& packet) {
  if (!(packet.flags & AV_PKT_FLAG_KEY) || packet.size <= 0) return std::nullopt;
  if (codec_ == AV_CODEC_ID_VP8) return vp8_key_frame_shape(packet);
  if (codec_ == AV_CODEC_ID_VP9) return vp9_key_frame_shape(packet);
  if (codec_ == AV_CODEC_ID_MJPEG) {
    auto shape = mjpeg_frame_shape(packet);
    if (shape && shape->height * 2 == height_) shape->height = height_;  // one field of an interlaced frame
    return shape;
  }
  const AVCodecParserContext* read = parser_ ? parser_->parse(packet) : nullptr;
  if (!read || read->width <= 0 || read->height <= 0) return std::nullopt;
  // A flagged AV1 temporal unit that only shows a frame decoded earlier has no size of its own.
  if (codec_ == AV_CODEC_ID_AV1 && read->key_frame == 0) return std::nullopt;
  const char* format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(read->format));
  return KeyframeShape{read->width, read->height, format ? format : ""};
}

std::optional<KeyframeShape> vp8_key_frame_shape(const AVPacket& packet) {
  const std::uint8_t* d = packet.data;
  if (packet.size < 10 || (d[0] & 1) != 0 || d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a) return std::nullopt;
  // 14 bits of size, then 2 of scaling, which decoders leave to the display.
  const int width = (d[6] | (d[7] << 8)) & 0x3fff, height = (d[8] | (d[9] << 8)) & 0x3fff;
  if (width == 0 || height == 0) return std::nullopt;
  return KeyframeShape{width, height, "yuv420p"};
}

std::optional<KeyframeShape> vp9_key_frame_shape(const AVPacket& packet) {
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
  read(2);                                                 // show_frame, error_resilient_mode
  if (read(24) != 0x498342) return std::nullopt;
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
  if (short_read) return std::nullopt;
  // As libavcodec's VP9 decoder names the formats it puts out.
  std::string format = color_space == 7 ? "gbrp" : x && y ? "yuv420p" : x ? "yuv422p" : y ? "yuv440p" : "yuv444p";
  if (depth > 8) format += std::to_string(depth) + "le";
  return KeyframeShape{width, height, format};
}

std::optional<KeyframeShape> mjpeg_frame_shape(const AVPacket& packet) {
  const std::uint8_t* d = packet.data;
  const auto size = static_cast<std::size_t>(packet.size);
  if (size < 4 || d[0] != 0xff || d[1] != 0xd8) return std::nullopt;  // SOI
  for (std::size_t at = 2; at + 4 <= size;) {
    if (d[at] != 0xff) return std::nullopt;
    const std::uint8_t marker = d[at + 1];
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xda || marker == 0xd9) return std::nullopt;  // the scan or the end, and no frame header before
    const std::size_t length = (std::size_t{d[at + 2]} << 8) | d[at + 3];
    const bool sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    if (sof) {
      if (length < 8 || at + 2 + length > size) return std::nullopt;
      const std::uint8_t* f = d + at + 4;  // precision, height, width, components, then 3 bytes each
      const int height = (f[1] << 8) | f[2], width = (f[3] << 8) | f[4], components = f[5];
      if (width == 0 || height == 0) return std::nullopt;
      std::string format;
      if (f[0] == 8 && components == 1) {
        format = "gray";
      } else if (f[0] == 8 && components == 3 && length >= 8 + 9u) {
        // Chroma's sampling against luma's: the factors may all be scaled alike (1x2 each is 4:4:4).
        const int h0 = f[7] >> 4, v0 = f[7] & 15, h1 = f[10] >> 4, v1 = f[10] & 15;
        if (h1 > 0 && v1 > 0 && f[13] == f[10] && h0 % h1 == 0 && v0 % v1 == 0) {
          const int across = h0 / h1, down = v0 / v1;
          if (across == 2 && down == 2) format = "yuvj420p";
          else if (across == 2 && down == 1) format = "yuvj422p";
          else if (across == 1 && down == 1) format = "yuvj444p";
          else if (across == 1 && down == 2) format = "yuvj440p";
        }
      }
      return KeyframeShape{width, height, format};
    }
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace framebench::media
