#include "media/leading_frames.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/native_frame.hpp"
#include "media/video_reader.hpp"

extern "C" {
#include <libavutil/frame.h>
}

namespace framebench::media {

std::string leading_frames_refusal(const VideoInfo& info) {
  if (info.shown_before_first_packet == 0 || info.keyframe_is_clean(0) || info.frame_pts.empty()) return {};
  // A closed GOP's leading frames refer only to the keyframe and decode: the decoder says which.
  bool decoded_first = false;
  try {
    VideoReader reader(info, {.threads = 1});
    NativeFrame first;
    decoded_first = reader.read(first) && first.av().best_effort_timestamp == info.frame_pts.front();
  } catch (const InputError&) {
    throw;
  } catch (const Error&) {  // made without its references, and flagged damaged
  }
  if (decoded_first) return {};
  return fmt::format("{}: its video stream starts at an open-GOP keyframe, and the {} frame(s) shown before it refer to pictures "
                     "before where the stream was cut, so they cannot be decoded; remux it into MP4 (ffmpeg -i IN -c copy OUT.mp4, "
                     "whose edit list leaves them out), cut it at a closed-GOP keyframe, or re-encode it",
                     info.path.string(), info.shown_before_first_packet);
}

}  // namespace framebench::media
