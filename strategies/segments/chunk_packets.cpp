#include "strategies/segments/chunk_packets.hpp"

#include <algorithm>

#include "strategies/segments/boundary.hpp"

namespace framebench::strategies {

PacketRange chunk_packets(const media::VideoInfo& info, const Segment& chunk) {
  const auto& keys = info.keyframes;
  PacketRange range;
  if (chunk.first > 0) range.first = info.restart_frame(chunk.first);
  const std::int64_t last_decoded = std::min(chunk.last() + tail_frames(chunk, info.frame_count), info.frame_count - 1);
  const auto next_key = std::upper_bound(keys.begin(), keys.end(), last_decoded);
  range.end = next_key == keys.end() ? info.frame_count : *next_key;
  return range;
}

}  // namespace framebench::strategies
