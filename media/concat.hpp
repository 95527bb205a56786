#pragma once
// Joins encoded parts into one file by stream copy (no re-encode), shifting timestamps so they
// stay continuous. The parts must share codec parameters and time base (one encoder made them).
// Each part is placed right after the frames before it, whatever its own first timestamp
// (first_frame_index or 0); the output starts where the first part starts. Throws Error if the
// parts differ, InputError for an unknown output extension; the output appears only when complete.
#include <filesystem>
#include <vector>

namespace framebench::media {

void concat_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& output);

}  // namespace framebench::media
