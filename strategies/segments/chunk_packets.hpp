#pragma once
// The input packets a chunk's worker decodes, for mpi-segments to send a rank those alone: from
// the keyframe VideoReader::seek restarts at (the chunk's keyframe where it is clean, otherwise
// the one before, its pre-roll)
// through the frames past the chunk's end that the boundary check decodes, up to the keyframe
// after them (in closed GOPs, as seek assumes, every frame before a keyframe comes from packets
// before it, B-frames included).
#include <cstdint>

#include "media/probe.hpp"
#include "strategies/segments/plan.hpp"

namespace framebench::strategies {

struct PacketRange {
  std::int64_t first = 0;  // a keyframe: the copy's frame n is the input's frame first + n
  std::int64_t end = 0;    // one past the last packet
};

PacketRange chunk_packets(const media::VideoInfo& info, const Segment& chunk);

}  // namespace framebench::strategies
