#pragma once
// libavcodec's parser for a stream's codec, run on whole demuxed packets one at a time, to read
// what a packet's own headers say (picture type, frame size, pixel format) without decoding.
extern "C" {
#include <libavcodec/avcodec.h>
}

namespace framebench::media {

class PacketParser {
 public:
  // No parser where libavcodec has none for the codec or cannot take the stream's parameters
  // (parse() then reads nothing).
  explicit PacketParser(const AVCodecParameters& par);
  ~PacketParser();
  PacketParser(const PacketParser&) = delete;
  PacketParser& operator=(const PacketParser&) = delete;

  // The parser after reading `packet`, its picture type, key_frame, size and format cleared
  // before (what it does not read stays so); nullptr where there is no parser or no data.
  const AVCodecParserContext* parse(const AVPacket& packet);

 private:
  AVCodecParserContext* parser_ = nullptr;
  AVCodecContext* context_ = nullptr;  // parameter sets and sequence headers from the extradata
};

}  // namespace framebench::media
