#pragma once
// Joins encoded parts into one file by stream copy (no re-encode), shifting timestamps so they
// stay continuous. The parts must share codec parameters and time base (one encoder made them).
#include <filesystem>
#include <vector>

namespace framebench::media {

void concat_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& output);

}  // namespace framebench::media
