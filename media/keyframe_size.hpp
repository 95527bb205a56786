#pragma once
// The frame size an H.264 or HEVC keyframe packet's parameter sets give, read by libavcodec's
// parser without decoding: a stream whose size changes part way (clips of two sizes joined) is
// found when the input is probed, before any strategy runs. The ffmpeg CLI's peers and OpenCV
// scale such frames to the first size without a word, where the libav reader refuses them.
#include <optional>
#include <utility>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace framebench::media {

class KeyframeSize {
 public:
  explicit KeyframeSize(const AVCodecParameters& par);
  ~KeyframeSize();
  KeyframeSize(const KeyframeSize&) = delete;
  KeyframeSize& operator=(const KeyframeSize&) = delete;

  // Width and height of a keyframe packet's picture, cropped as decoded frames are; nullopt for
  // other codecs or where the parser reads none.
  std::optional<std::pair<int, int>> of(const AVPacket& packet);

 private:
  AVCodecParserContext* parser_ = nullptr;
  AVCodecContext* context_ = nullptr;
};

}  // namespace framebench::media
