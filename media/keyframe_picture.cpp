#include "media/keyframe_picture.hpp"

namespace framebench::media {

bool KeyframePictures::holds_intra_picture(const AVPacket& packet) {
  const AVCodecParserContext* read = parser_.parse(packet);
  if (!read) return true;
  const int type = read->pict_type;
  const bool predicted = type == AV_PICTURE_TYPE_P || type == AV_PICTURE_TYPE_B || type == AV_PICTURE_TYPE_S ||
                         type == AV_PICTURE_TYPE_SP || type == AV_PICTURE_TYPE_BI;
  return !predicted || read->key_frame == 1;
}

}  // namespace framebench::media
