#include "media/container.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>

#include "media/libav.hpp"

namespace framebench::media {

namespace {

// The mpegts muxer answers no query and writes any codec, but gives a video stream type only to
// these; any other goes out as private data, which no demuxer reads back as video (FFV1 in .ts
// comes back as a `bin_data` stream).
bool mpegts_carries(AVCodecID id) {
  switch (id) {
    case AV_CODEC_ID_MPEG1VIDEO:
    case AV_CODEC_ID_MPEG2VIDEO:
    case AV_CODEC_ID_MPEG4:
    case AV_CODEC_ID_H264:
    case AV_CODEC_ID_HEVC:
    case AV_CODEC_ID_CAVS:
    case AV_CODEC_ID_DIRAC:
    case AV_CODEC_ID_VC1: return true;
    default: return false;
  }
}

// 1: the muxer holds the codec; 0: it does not; negative: libavformat cannot tell.
int holds(const char* muxer, const AVCodec& codec) {
  const AVOutputFormat* format = av_guess_format(muxer, nullptr, nullptr);
  if (!format) return -1;
  const int answer = avformat_query_codec(format, codec.id, FF_COMPLIANCE_NORMAL);
  if (answer < 0 && std::string_view(format->name) == "mpegts") return mpegts_carries(codec.id) ? 1 : 0;
  return answer;
}

}  // namespace

std::vector<std::string> written_extensions() {
  std::vector<std::string> out;
  for (const auto& c : container_extensions()) out.emplace_back(c.extension);
  return out;
}

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

std::string variable_times_problem(const EncoderSpec& encoder, const std::filesystem::path& output) {
  if (std::string_view(muxer_for(output)) != "avi" || !encoder.reorders) return {};
  return fmt::format("{}: an .avi file records no presentation times, so a variable frame rate's times cannot be kept there from "
                     "encoder '{}', which reorders frames (B-frames); write .mkv, .mp4 or .nut, or use an encoder without B-frames "
                     "(x264-ultrafast, mpeg4, ffv1)",
                     output.string(), encoder.name);
}

std::string equal_times_problem(const EncoderSpec& encoder, const std::filesystem::path& output) {
  const bool matroska = std::string_view(muxer_for(output)) == "matroska";
  const bool takes_equal_times = encoder.codec == "libx264" || encoder.codec == "libx264rgb" || encoder.codec == "libx265" || encoder.codec == "ffv1";
  if (matroska && takes_equal_times) return {};
  return fmt::format("{}: a {} file from encoder '{}' cannot hold two frames shown at one time; write .mkv with an x264, x265 or "
                     "ffv1 encoder",
                     output.string(), output.extension().string(), encoder.name);
}

}  // namespace framebench::media
