#include "media/keyframe_picture.hpp"

#include <cstdint>

namespace framebench::media {

KeyframePictures::KeyframePictures(const AVCodecParameters& par) {
  parser_ = av_parser_init(par.codec_id);
  context_ = avcodec_alloc_context3(nullptr);
  // The parsers read parameter sets and sequence headers from the extradata, as decoders do.
  if (!parser_ || !context_ || avcodec_parameters_to_context(context_, &par) < 0) {  // then every flag is believed
    if (parser_) av_parser_close(parser_);
    parser_ = nullptr;
    avcodec_free_context(&context_);
    return;
  }
  parser_->flags |= PARSER_FLAG_COMPLETE_FRAMES;  // each packet is a whole picture, as demuxed
}

KeyframePictures::~KeyframePictures() {
  if (parser_) av_parser_close(parser_);
  avcodec_free_context(&context_);
}

bool KeyframePictures::holds_intra_picture(const AVPacket& packet) {
  if (!parser_ || packet.size <= 0) return true;
  // Cleared before each packet: a parser that reads nothing of this one leaves them so.
  parser_->pict_type = AV_PICTURE_TYPE_NONE;
  parser_->key_frame = -1;
  std::uint8_t* out = nullptr;
  int out_size = 0;
  av_parser_parse2(parser_, context_, &out, &out_size, packet.data, packet.size, packet.pts, packet.dts, packet.pos);
  const int type = parser_->pict_type;
  const bool predicted = type == AV_PICTURE_TYPE_P || type == AV_PICTURE_TYPE_B || type == AV_PICTURE_TYPE_S ||
                         type == AV_PICTURE_TYPE_SP || type == AV_PICTURE_TYPE_BI;
  return !predicted || parser_->key_frame == 1;
}

}  // namespace framebench::media
