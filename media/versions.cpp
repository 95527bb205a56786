#include "media/versions.hpp"

#include <cstdint>

#include <fmt/format.h>

#include "media/libav.hpp"

#if __has_include(<x264.h>)
extern "C" {
#include <x264.h>
}
#if __has_include(<x264_config.h>)
#include <x264_config.h>
#endif
#endif

namespace framebench::media {

std::string version_text(unsigned v) { return fmt::format("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff); }

std::string libav_versions() {
  return fmt::format("libavcodec {}, libavformat {}, libavutil {}, libswscale {} (FFmpeg {})", version_text(avcodec_version()),
                     version_text(avformat_version()), version_text(avutil_version()), version_text(swscale_version()),
                     av_version_info());
}

std::string x264_version() {
  if (!avcodec_find_encoder_by_name("libx264")) return "unavailable (libavcodec has no libx264)";
#if defined(X264_POINTVER)
  return fmt::format("{} (build {}, from x264.h)", X264_POINTVER, X264_BUILD);
#elif defined(X264_BUILD)
  return fmt::format("build {} (from x264.h)", X264_BUILD);
#else
  return "unknown (no x264.h at build time)";
#endif
}

}  // namespace framebench::media
