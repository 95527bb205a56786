#pragma once
// The proof that segments decoded apart join up: each segment's decoder goes on a few frames past
// the segment's end, and those frames (by hash) must be the first frames of the next segment,
// decoded after its restart. Segment 0 starts where every decode starts, so a chain of matching
// boundaries shows every segment starts at the frame a sequential decode has there.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "strategies/frame_slot.hpp"
#include "strategies/segments/plan.hpp"

namespace framebench::strategies {

// Frames compared at each boundary.
constexpr std::int64_t kBoundaryFrames = 3;

struct BoundaryFrames {
  std::vector<std::uint64_t> head;  // hashes of the segment's first decoded frames
  std::vector<std::uint64_t> tail;  // hashes of the frames decoded past its end
};

// How many head and tail frames a segment's decoder must report.
std::int64_t head_frames(const Segment& segment);
std::int64_t tail_frames(const Segment& segment, std::int64_t frame_count);

// Decodes the frames past `segment`'s end into `slot` and hashes them into frames.tail, as the
// filter on `path` reads frames (on bgr24_bands: the BGR24 the reader gives, the same bytes).
void read_tail(media::VideoReader& reader, FrameSlot& slot, SlotPath path, const Segment& segment, std::int64_t frame_count,
               BoundaryFrames& frames);

// The index of the first segment whose head does not match the tail of the one before, if any.
// Throws Error when a segment reported the wrong number of frames.
std::optional<std::size_t> first_wrong_start(const std::vector<Segment>& segments, const std::vector<BoundaryFrames>& frames,
                                             std::int64_t frame_count);

// Whether a boundary's frames are all distinct, so that only the right start matches them. Where
// frames repeat (a still, a picture held for several frames) a start a whole repeat off matches
// too: a start found by timestamps (piped-ffmpeg's seeks) is then not proven by them.
bool tells_starts_apart(const BoundaryFrames& before, const BoundaryFrames& segment);

// How many frames early (> 0) or late (< 0) a segment started: the one shift that lines its head
// up with the frames decoded past the end of the one `before` (over at least two frames, all of
// them distinct); nullopt where none does, or more than one. A guess a further boundary check
// must prove.
std::optional<std::int64_t> start_shift(const BoundaryFrames& before, const BoundaryFrames& segment);

// Throws Error naming the first segment whose start is not proven, and the input.
void check_boundaries(const std::vector<Segment>& segments, const std::vector<BoundaryFrames>& frames, std::int64_t frame_count,
                      const std::string& input);

}  // namespace framebench::strategies
