#pragma once
// Whether a video's frames, in the order they decode, keep to one timeline: a frame may be shown
// before frames decoded ahead of it only as far as its codec reorders: at most 16 (H.264's and
// HEVC's largest picture buffer) where libavcodec marks the codec as reordering frames, none
// where it shows them as they decode (intra codecs, VP8, VP9). A frame
// shown before more of them says a second timeline follows the first (files joined end to end)
// or frames timed out of their order, which sorting the times would interleave or swap (found
// 7 December 2026 by a sweep of timing: two MPEG-TS files joined came out with frames at 0, 0,
// 0.04, 0.04...; an MJPEG .mkv that times frame 6 before frame 5 had the two in each other's
// place; every strategy verified both). Decode timestamps cannot say it: Matroska stores none,
// and the ones libavformat makes up go back in good files.
#include <cstdint>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/codec_par.h>
}

namespace framebench::media {

class TimelineOrder {
 public:
  explicit TimelineOrder(const AVCodecParameters& par);
  // Whether a frame shown at `time`, decoded after every frame added so far, keeps to the timeline.
  bool admits(std::int64_t time) const;
  void add(std::int64_t time, std::int64_t packet);
  // Why a frame it does not admit breaks the timeline, for a refusal: "packet 30 is shown at
  // 1.400 s, before more than 16 packets decoded ahead of it (packet 29 at 2.560 s), more than h264
  // reorders"; times in `time_base` (seconds a tick).
  std::string why_not(std::int64_t time, std::int64_t packet, double time_base) const;

 private:
  std::string codec_;
  std::size_t reach_ = 0;              // frames decoded ahead of one that it may be shown before
  std::vector<std::int64_t> largest_;  // the reach_ + 1 largest times added, ascending
  std::int64_t latest_packet_ = -1;    // the packet of the latest time
};

}  // namespace framebench::media
