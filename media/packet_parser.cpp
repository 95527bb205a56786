#include "media/packet_parser.hpp"

#include <cstdint>

namespace framebench::media {

PacketParser::PacketParser(const AVCodecParameters& par) {
  parser_ = av_parser_init(par.codec_id);
  context_ = avcodec_alloc_context3(nullptr);
  if (!parser_ || !context_ || avcodec_parameters_to_context(context_, &par) < 0) {
    if (parser_) av_parser_close(parser_);
    parser_ = nullptr;
    avcodec_free_context(&context_);
    return;
  }
  parser_->flags |= PARSER_FLAG_COMPLETE_FRAMES;  // each packet is a whole picture, as demuxed
}

PacketParser::~PacketParser() {
  if (parser_) av_parser_close(parser_);
  avcodec_free_context(&context_);
}

const AVCodecParserContext* PacketParser::parse(const AVPacket& packet) {
  if (!parser_ || !packet.data || packet.size <= 0) return nullptr;
  parser_->pict_type = AV_PICTURE_TYPE_NONE;
  parser_->key_frame = -1;
  parser_->width = parser_->height = 0;
  parser_->format = AV_PIX_FMT_NONE;
  std::uint8_t* out = nullptr;
  int out_size = 0;
  av_parser_parse2(parser_, context_, &out, &out_size, packet.data, packet.size, packet.pts, packet.dts, packet.pos);
  return parser_;
}

}  // namespace framebench::media
