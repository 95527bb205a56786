#include "media/versions.hpp"

#include <cstdint>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/result_text.hpp"
#include "core/subprocess.hpp"
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

std::string ffmpeg_program() {
  std::error_code ec;
  const auto found = find_in_path("ffmpeg");
  if (found.empty()) return "none: no `ffmpeg` executable in PATH";
  const auto path = std::filesystem::absolute(found, ec).lexically_normal();  // a relative PATH entry, as the run found it
  // Bounded: whatever answers to the name runs before the run's first case.
  BoundedRunResult bounded;
  try {
    bounded = run_capture_bounded({path.string(), "-hide_banner", "-version"}, std::chrono::seconds(5), 64 * 1024);
  } catch (const Error& e) {
    return single_line_text(fmt::format("{}: cannot run it: {}", path.string(), e.what()));
  }
  if (bounded.cut_short)
    return single_line_text(fmt::format("{}: `ffmpeg -version` did not end within 5 s and 64 KiB of output", path.string()));
  const RunResult& r = bounded.run;
  std::istringstream lines(r.out);
  std::string line, version, libraries;
  while (std::getline(lines, line)) {
    if (line.starts_with("ffmpeg version ")) version = line.substr(0, line.find(" Copyright"));
    // "libavcodec     59. 37.100 / 59. 37.100": the one it runs with, after the slash.
    for (const char* library : {"libavcodec", "libavfilter"}) {
      const auto slash = line.find('/');
      if (!line.starts_with(library) || slash == std::string::npos) continue;
      std::string running = line.substr(slash + 1);
      std::erase(running, ' ');
      libraries += fmt::format("{}{} {}", libraries.empty() ? "" : ", ", library, running);
    }
  }
  if (!r.status.ok() || version.empty())
    return single_line_text(fmt::format("{}: `ffmpeg -version` said no version ({})", path.string(), r.status.describe()));
  return single_line_text(fmt::format("{}: {}{}", path.string(), version, libraries.empty() ? "" : " (" + libraries + ")"));
}

}  // namespace framebench::media
