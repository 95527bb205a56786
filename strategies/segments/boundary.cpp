#include "strategies/segments/boundary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/frame_hash.hpp"

namespace framebench::strategies {

std::int64_t head_frames(const Segment& segment) { return std::min(kBoundaryFrames, segment.count); }

std::int64_t tail_frames(const Segment& segment, std::int64_t frame_count) {
  return std::clamp<std::int64_t>(frame_count - segment.last() - 1, 0, kBoundaryFrames);
}

void read_tail(media::VideoReader& reader, FrameSlot& slot, SlotPath path, const Segment& segment, std::int64_t frame_count,
               BoundaryFrames& frames) {
  const SlotPath look = path == SlotPath::bgr24_bands ? SlotPath::bgr24 : path;
  for (std::int64_t i = 0; i < tail_frames(segment, frame_count) && slot.read_input(reader, look); ++i)
    frames.tail.push_back(hash_pixels(slot.in_planes));
}

std::optional<std::size_t> first_wrong_start(const std::vector<Segment>& segments, const std::vector<BoundaryFrames>& frames,
                                             std::int64_t frame_count) {
  if (frames.size() != segments.size())
    throw Error(fmt::format("boundary check: {} reports for {} segments", frames.size(), segments.size()));
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& f = frames[i];
    if (static_cast<std::int64_t>(f.head.size()) != head_frames(segments[i]) ||
        static_cast<std::int64_t>(f.tail.size()) != tail_frames(segments[i], frame_count))
      throw Error(fmt::format("boundary check: segment {} reported {} first and {} following frames", i + 1, f.head.size(),
                              f.tail.size()));
  }
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const auto& before = frames[i - 1].tail;
    const auto& head = frames[i].head;
    if (!std::equal(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(std::min(head.size(), before.size())), before.begin()))
      return i;
  }
  return std::nullopt;
}

bool tells_starts_apart(const BoundaryFrames& before, const BoundaryFrames& segment) {
  const auto distinct = [](std::vector<std::uint64_t> h) {
    std::sort(h.begin(), h.end());
    return std::adjacent_find(h.begin(), h.end()) == h.end();
  };
  return distinct(before.tail) && distinct(segment.head);
}

std::optional<std::int64_t> start_shift(const BoundaryFrames& before, const BoundaryFrames& segment) {
  // Frames alike among those compared would let a wrong shift line up too (found 7 December 2026
  // by a review: on a clip repeating every third frame, a shift of one frame the wrong way matched,
  // and the segment started a whole repeat early with every boundary hash agreeing).
  if (!tells_starts_apart(before, segment)) return std::nullopt;
  // Whether `a` from `skip` on begins as `b` does, over at least two frames.
  const auto lines_up = [](const std::vector<std::uint64_t>& a, std::size_t skip, const std::vector<std::uint64_t>& b) {
    const std::size_t n = std::min(a.size() - std::min(skip, a.size()), b.size());
    return n >= 2 && std::equal(a.begin() + static_cast<std::ptrdiff_t>(skip), a.begin() + static_cast<std::ptrdiff_t>(skip + n), b.begin());
  };
  std::optional<std::int64_t> found;
  for (std::size_t k = 1; k < std::max(segment.head.size(), before.tail.size()); ++k)
    for (const std::int64_t shift : {static_cast<std::int64_t>(k), -static_cast<std::int64_t>(k)}) {
      // Early: its first k frames belong before it; late: it skipped k frames.
      const bool early = shift > 0;
      if (!(early ? lines_up(segment.head, k, before.tail) : lines_up(before.tail, k, segment.head))) continue;
      if (found) return std::nullopt;  // two shifts line up: neither is proven
      found = shift;
    }
  return found;
}

void check_boundaries(const std::vector<Segment>& segments, const std::vector<BoundaryFrames>& frames, std::int64_t frame_count,
                      const std::string& input) {
  const auto wrong = first_wrong_start(segments, frames, frame_count);
  if (!wrong) return;
  const Segment& s = segments[*wrong];
  throw Error(fmt::format("{}: segment {} of {} (frames {}-{}) does not start with the frames that decoding on from segment {} gives: "
                          "its decoder did not restart where the input's keyframes and timestamps say; nothing was written",
                          input, s.index + 1, segments.size(), s.first, s.last(), s.index));
}

}  // namespace framebench::strategies
