#include "strategies/segments/chunk_costs.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

namespace framebench::strategies {

ChunkCosts::ChunkCosts(const media::VideoInfo& info) {
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, info.frame_count));
  for (std::size_t i = 0; i <= n; ++i) restarts_.push_back(info.restart_frame(static_cast<std::int64_t>(i)));
  const auto& bytes = info.packet_bytes;
  const bool weighed = bytes.size() == n && n > 0 && std::any_of(bytes.begin(), bytes.end(), [](auto b) { return b > 0; });
  const double mean = weighed ? static_cast<double>(std::accumulate(bytes.begin(), bytes.end(), std::int64_t{0})) / static_cast<double>(n) : 1;
  done_.assign(n + 1, 0);
  decoded_.assign(n + 1, 0);
  // Packets are in decode order and frames in presentation order; B-frames move a frame's packet
  // by a few places, which a chunk's sum hardly notices.
  for (std::size_t i = 0; i < n; ++i) {
    const double decode = kDecodeShare * (weighed ? static_cast<double>(bytes[i]) / mean : 1);
    decoded_[i + 1] = decoded_[i] + decode;
    done_[i + 1] = done_[i] + (1 - kDecodeShare) + decode;
  }
}

std::int64_t ChunkCosts::frame_at(double work) const {
  const auto after = std::lower_bound(done_.begin(), done_.end(), work);
  if (after == done_.end()) return static_cast<std::int64_t>(done_.size()) - 1;
  if (after == done_.begin()) return 0;
  const auto before = std::prev(after);
  return static_cast<std::int64_t>(work - *before <= *after - work ? before - done_.begin() : after - done_.begin());
}

std::int64_t ChunkCosts::discarded(std::int64_t first) const { return first - restarts_[static_cast<std::size_t>(first)]; }

double ChunkCosts::reaching(std::int64_t first) const { return decoded_[first] - decoded_[first - discarded(first)]; }

}  // namespace framebench::strategies
