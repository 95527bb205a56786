#pragma once
// The frame size and pixel format an H.264 or HEVC keyframe packet's parameter sets give, read by
// libavcodec's parser without decoding: a stream whose size changes part way (clips of two sizes
// joined) is found when the input is probed, before any strategy runs, and so is one whose pixel
// format changes, which the native path cannot take. The ffmpeg CLI's peers and OpenCV scale and
// convert such frames to the first's without a word, where the libav reader refuses them.
#include <optional>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace framebench::media {

struct KeyframeShape {
  int width = 0;
  int height = 0;
  std::string pixel_format;  // empty where the parser gives none
};

class KeyframeShapes {
 public:
  explicit KeyframeShapes(const AVCodecParameters& par);
  ~KeyframeShapes();
  KeyframeShapes(const KeyframeShapes&) = delete;
  KeyframeShapes& operator=(const KeyframeShapes&) = delete;

  // The shape of a keyframe packet's picture, its size cropped as decoded frames are; nullopt for
  // other codecs or where the parser reads no size.
  std::optional<KeyframeShape> of(const AVPacket& packet);

 private:
  AVCodecParserContext* parser_ = nullptr;
  AVCodecContext* context_ = nullptr;
};

}  // namespace framebench::media
