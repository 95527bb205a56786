#include "media/keyframe_shape.hpp"

#include <cstdint>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace framebench::media {

KeyframeShapes::KeyframeShapes(const AVCodecParameters& par) {
  // Only where the parser's size is the decoded frame's, cropped: H.264 and HEVC.
  if (par.codec_id != AV_CODEC_ID_H264 && par.codec_id != AV_CODEC_ID_HEVC) return;
  parser_ = av_parser_init(par.codec_id);
  context_ = avcodec_alloc_context3(nullptr);
  if (!parser_ || !context_ || avcodec_parameters_to_context(context_, &par) < 0) {  // then sizes are not read
    if (parser_) av_parser_close(parser_);
    parser_ = nullptr;
    avcodec_free_context(&context_);
    return;
  }
  parser_->flags |= PARSER_FLAG_COMPLETE_FRAMES;  // each packet is a whole picture, as demuxed
}

KeyframeShapes::~KeyframeShapes() {
  if (parser_) av_parser_close(parser_);
  avcodec_free_context(&context_);
}

std::optional<KeyframeShape> KeyframeShapes::of(const AVPacket& packet) {
  if (!parser_ || !(packet.flags & AV_PKT_FLAG_KEY) || packet.size <= 0) return std::nullopt;
  std::uint8_t* out = nullptr;
  int out_size = 0;
  parser_->width = parser_->height = 0;
  parser_->format = AV_PIX_FMT_NONE;
  av_parser_parse2(parser_, context_, &out, &out_size, packet.data, packet.size, packet.pts, packet.dts, packet.pos);
  if (parser_->width <= 0 || parser_->height <= 0) return std::nullopt;
  const char* format = av_get_pix_fmt_name(static_cast<AVPixelFormat>(parser_->format));
  return KeyframeShape{parser_->width, parser_->height, format ? format : ""};
}

}  // namespace framebench::media
