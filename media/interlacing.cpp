#include "media/interlacing.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/libav.hpp"
#include "media/native_frame.hpp"
#include "media/video_reader.hpp"

namespace framebench::media {

std::string interlacing(const VideoInfo& info) {
  if (!info.interlacing.empty()) return info.interlacing;
  try {
    VideoReader reader(info);
    NativeFrame first;
    if (!reader.read(first) || !first.av().interlaced_frame) return {};
    return first.av().top_field_first ? "top field first" : "bottom field first";
  } catch (const Error&) {
    return {};  // a first frame that cannot be decoded is the strategies' to report; this is a warning
  }
}

std::string interlaced_warning(const VideoInfo& info) {
  const std::string order = interlacing(info);
  if (order.empty()) return {};
  return fmt::format("{} is interlaced ({}): its frames are filtered whole, so the kernel mixes rows of both fields, captured "
                     "at different moments, as ffmpeg's filters do without a deinterlacer",
                     info.path.string(), order);
}

}  // namespace framebench::media
