#pragma once
// A frame's identity for exact verification: XXH3-64 over its pixels, padding excluded.
#include <cstdint>
#include <span>
#include <string>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"

namespace framebench {

std::uint64_t hash_pixels(ConstFrameView frame);
// A one-plane frame hashes as its plane does; more planes, as the hash of their hashes.
std::uint64_t hash_pixels(const PlanarFrame& frame);
std::uint64_t hash_pixels(std::span<const ConstFrameView> planes);

// Order-sensitive digest of a sequence of frame hashes, as 16 hex digits.
std::string digest_of(std::span<const std::uint64_t> frame_hashes);

}  // namespace framebench
