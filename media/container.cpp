#include "media/container.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "media/libav.hpp"

namespace framebench::media {

namespace {

// 1: the muxer holds the codec; 0: it does not; negative: libavformat cannot tell (mpegts).
int holds(const char* muxer, const AVCodec& codec) {
  const AVOutputFormat* format = av_guess_format(muxer, nullptr, nullptr);
  return format ? avformat_query_codec(format, codec.id, FF_COMPLIANCE_NORMAL) : -1;
}

}  // namespace

std::vector<std::string> containers_for(const EncoderSpec& encoder) {
  std::vector<std::string> out;
  const AVCodec* codec = avcodec_find_encoder_by_name(encoder.codec.c_str());
  if (!codec) return out;
  for (const auto& c : container_extensions())
    if (holds(c.muxer, *codec) == 1) out.emplace_back(c.extension);
  return out;
}

std::string container_problem(const EncoderSpec& encoder, const std::filesystem::path& output) {
  const char* muxer = muxer_for(output);
  const AVCodec* codec = avcodec_find_encoder_by_name(encoder.codec.c_str());
  if (!codec || holds(muxer, *codec) != 0) return {};  // a missing encoder is reported as unavailable
  const auto working = containers_for(encoder);
  return fmt::format("{}: a {} file cannot hold {} video (encoder '{}'); {}", output.string(), output.extension().string(),
                     avcodec_get_name(codec->id), encoder.name,
                     working.empty() ? std::string("no container framebench writes can")
                     : working.size() == 1 ? fmt::format("use {}", working[0])
                                           : fmt::format("use {} (or {})", working[0], fmt::join(working.begin() + 1, working.end(), ", ")));
}

}  // namespace framebench::media
