#include "core/frame_hash.hpp"

#include <xxhash.h>

#include <vector>

#include <fmt/format.h>

namespace framebench {

std::uint64_t hash_pixels(ConstFrameView frame) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  const std::uint32_t dims[2] = {static_cast<std::uint32_t>(frame.width), static_cast<std::uint32_t>(frame.height)};
  XXH3_64bits_update(state, dims, sizeof dims);
  for (int y = 0; y < frame.height; ++y) XXH3_64bits_update(state, frame.row(y), frame.row_bytes());
  const std::uint64_t h = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return h;
}

std::uint64_t hash_pixels(const PlanarFrame& frame) {
  std::vector<ConstFrameView> planes;
  for (const Frame& p : frame.planes) planes.push_back(p.view());
  return hash_pixels(planes);
}

std::uint64_t hash_pixels(std::span<const ConstFrameView> planes) {
  if (planes.size() == 1) return hash_pixels(planes.front());
  std::vector<std::uint64_t> hashes;
  for (const ConstFrameView& p : planes) hashes.push_back(hash_pixels(p));
  return XXH3_64bits(hashes.data(), hashes.size() * sizeof(std::uint64_t));
}

std::string digest_of(std::span<const std::uint64_t> frame_hashes) {
  return fmt::format("{:016x}", XXH3_64bits(frame_hashes.data(), frame_hashes.size_bytes()));
}

}  // namespace framebench
