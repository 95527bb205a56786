#include "media/packed_pictures.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace framebench::media {

bool holds_packed_pictures(const AVPacket& packet) {
  const std::uint8_t* d = packet.data;
  const auto size = d ? static_cast<std::size_t>(std::max(packet.size, 0)) : 0;
  int pictures = 0;
  for (std::size_t at = 0; at + 3 < size; ++at)
    if (d[at] == 0 && d[at + 1] == 0 && d[at + 2] == 1 && d[at + 3] == 0xb6 && ++pictures == 2) return true;  // vop_start_code
  return false;
}

}  // namespace framebench::media
