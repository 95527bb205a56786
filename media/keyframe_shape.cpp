#include "media/keyframe_shape.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "media/vpx_key_frame.hpp"

namespace framebench::media {

KeyframeShapes::KeyframeShapes(const AVCodecParameters& par) : codec_(par.codec_id), height_(par.height) {
  if (codec_ == AV_CODEC_ID_H264 || codec_ == AV_CODEC_ID_HEVC || codec_ == AV_CODEC_ID_AV1) parser_.emplace(par);
}

std::optional<KeyframeShape> KeyframeShapes::of(const AVPacket& packet) {
  if (!(packet.flags & AV_PKT_FLAG_KEY) || packet.size <= 0) return std::nullopt;
  if (codec_ == AV_CODEC_ID_VP8 || codec_ == AV_CODEC_ID_VP9) {
    const auto key = codec_ == AV_CODEC_ID_VP8 ? vp8_key_frame(packet) : vp9_key_frame(packet);
    if (!key || key->width == 0 || key->height == 0) return std::nullopt;
    return KeyframeShape{key->width, key->height, key->pixel_format};
  }
  if (codec_ == AV_CODEC_ID_PNG) return png_frame_shape(packet);
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

std::optional<KeyframeShape> png_frame_shape(const AVPacket& packet) {
  static constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  static constexpr std::uint8_t kHeader[4] = {'I', 'H', 'D', 'R'};
  // The signature, then the header chunk: its length (13), type, width, height, bit depth, colour type.
  const std::uint8_t* d = packet.data;
  if (packet.size < 26 || !std::equal(kSignature, kSignature + 8, d) || !std::equal(kHeader, kHeader + 4, d + 12)) return std::nullopt;
  const auto be32 = [](const std::uint8_t* b) { return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3]; };
  const std::uint32_t width = be32(d + 16), height = be32(d + 20);
  if (width == 0 || height == 0 || width > 0x7fffffff || height > 0x7fffffff) return std::nullopt;
  const int depth = d[24], colour = d[25];
  // A transparency chunk (tRNS) before the image data gives grey and RGB an alpha channel, as the
  // decoder then decodes them (found 7 December 2026 by a review: grey with one joined to grey and
  // alpha was refused as a change, grey joined to grey with one was not).
  bool transparency = false;
  for (std::size_t at = 33; at + 8 <= static_cast<std::size_t>(packet.size);) {  // after the header's 25 bytes and CRC
    const std::uint32_t length = be32(d + at);
    const std::string_view type(reinterpret_cast<const char*>(d + at + 4), 4);
    if (type == "IDAT" || type == "IEND") break;
    if (type == "tRNS") transparency = true;
    if (length > static_cast<std::size_t>(packet.size) - at - 8) break;
    at += 12 + std::size_t{length};
  }
  // As libavcodec's PNG decoder names the format it decodes to (grey below 8 bits is widened).
  std::string format;
  if (colour == 0 && transparency) format = depth == 16 ? "ya16be" : depth == 8 ? "ya8" : "";
  else if (colour == 0) format = depth == 16 ? "gray16be" : depth == 1 ? "monob" : "gray";
  else if (colour == 2) format = depth == 16 ? (transparency ? "rgba64be" : "rgb48be") : (transparency ? "rgba" : "rgb24");
  else if (colour == 3) format = "pal8";
  else if (colour == 4) format = depth == 16 ? "ya16be" : "ya8";
  else if (colour == 6) format = depth == 16 ? "rgba64be" : "rgba";
  return KeyframeShape{static_cast<int>(width), static_cast<int>(height), format};
}

}  // namespace framebench::media
