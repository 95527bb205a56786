#include "media/encoder.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "media/libav.hpp"
#include "media/native_planes.hpp"

namespace framebench::media {

std::vector<std::string> EncoderSpec::cli_args() const {
  std::vector<std::string> args;
  for (const auto& [key, value] : options) {
    // "qscale" stands for a fixed quantiser, which the CLI spells -q:v.
    args.push_back(key == "qscale" ? std::string("-q:v") : "-" + key);
    args.push_back(value);
  }
  args.insert(args.end(), {"-pix_fmt", pixel_format});
  return args;
}

const std::vector<EncoderSpec>& encoders() {
  static const std::vector<EncoderSpec> all = {
      {"x264-ultrafast", "libx264", "yuv420p", "H.264 (libx264), preset ultrafast, CRF 23", false,
       {{"preset", "ultrafast"}, {"crf", "23"}}, /*smallest_side=*/1, /*whole_chroma_only=*/true},
      {"x264-medium", "libx264", "yuv420p", "H.264 (libx264), preset medium, CRF 23", false,
       {{"preset", "medium"}, {"crf", "23"}}, /*smallest_side=*/1, /*whole_chroma_only=*/true, /*reorders=*/true},
      {"x264rgb-lossless", "libx264rgb", "bgr24", "H.264 RGB (libx264rgb), preset ultrafast, QP 0: lossless", true,
       {{"preset", "ultrafast"}, {"qp", "0"}}},
      {"x265-ultrafast", "libx265", "yuv420p", "HEVC (libx265), preset ultrafast, CRF 28", false,
       {{"preset", "ultrafast"}, {"crf", "28"}}, /*smallest_side=*/16, /*whole_chroma_only=*/true, /*reorders=*/true},
      {"ffv1", "ffv1", "bgr0", "FFV1 version 3 (lossless, intra-coded slices)", true, {{"level", "3"}}},
      {"mjpeg", "mjpeg", "yuvj420p", "Motion JPEG, quantiser 3", false, {{"qscale", "3"}}},
      {"mpeg4", "mpeg4", "yuv420p", "MPEG-4 Part 2, quantiser 3 (as OpenCV's mp4v writer)", false, {{"qscale", "3"}}},
  };
  return all;
}

const EncoderSpec& encoder(const std::string& name) {
  const auto& all = encoders();
  const auto it = std::find_if(all.begin(), all.end(), [&](const EncoderSpec& e) { return e.name == name; });
  if (it != all.end()) return *it;
  std::vector<std::string> names;
  for (const auto& e : all) names.push_back(e.name);
  throw InputError(unknown_name_message("encoder", name, names));
}

std::string encoder_unavailable_reason(const EncoderSpec& spec) {
  const AVCodec* codec = avcodec_find_encoder_by_name(spec.codec.c_str());
  if (!codec) return fmt::format("this libavcodec has no '{}' encoder", spec.codec);
  const AVPixelFormat format = av_get_pix_fmt(spec.pixel_format.c_str());
  if (format == AV_PIX_FMT_NONE) return fmt::format("unknown pixel format '{}'", spec.pixel_format);
  if (codec->pix_fmts) {
    bool supported = false;
    for (const AVPixelFormat* f = codec->pix_fmts; *f != AV_PIX_FMT_NONE; ++f) supported |= *f == format;
    if (!supported) return fmt::format("the '{}' encoder here does not take {}", spec.codec, spec.pixel_format);
  }
  return {};
}

EncoderSpec for_frame_size(const EncoderSpec& spec, int width, int height) {
  if (spec.codec != "ffv1") return spec;
  const ChromaShift shift = chroma_shift(spec.pixel_format);
  const int smallest_width = AV_CEIL_RSHIFT(width, shift.log2_width), smallest_height = AV_CEIL_RSHIFT(height, shift.log2_height);
  if (smallest_width >= 3 && smallest_height >= 3) return spec;
  EncoderSpec sized = spec;
  sized.options.clear();
  for (const auto& [key, value] : spec.options) sized.options.emplace_back(key, key == "level" ? std::string("1") : value);
  return sized;
}

std::string encoder_size_problem(const EncoderSpec& spec, int width, int height) {
  if (width < spec.smallest_side || height < spec.smallest_side)
    return fmt::format("encoder '{}' cannot take {}x{} frames: it needs at least {} pixels each way", spec.name, width, height,
                       spec.smallest_side);
  if (!spec.whole_chroma_only) return {};
  const ChromaShift shift = chroma_shift(spec.pixel_format);
  if (shift.whole_samples(width, height)) return {};
  return fmt::format("encoder '{}' cannot take {}x{} frames: {} needs a width divisible by {} and a height divisible by {}",
                     spec.name, width, height, spec.pixel_format, 1 << shift.log2_width, 1 << shift.log2_height);
}

}  // namespace framebench::media
