#pragma once
// A stretch of a video's packets copied into a small file of its own, without decoding: what
// mpi-segments sends a rank instead of the whole input. Packets are known by their place in
// decode order, as probe counts them, so the copy's frame n is the input's frame first_packet + n
// when the stretch starts at a keyframe.
#include <cstdint>
#include <filesystem>

#include "media/probe.hpp"

namespace framebench::media {

// Copies the packets [first_packet, end_packet) of `info`'s video stream into `output` (Matroska,
// which holds any codec framebench decodes), by stream copy. `first_packet` must be one of
// info.keyframes. Returns the bytes written. Throws InputError for a range outside the input,
// Error when the input cannot be read or the copy written.
std::uintmax_t copy_packets(const VideoInfo& info, std::int64_t first_packet, std::int64_t end_packet,
                            const std::filesystem::path& output);

}  // namespace framebench::media
