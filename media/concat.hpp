#pragma once
// Joins encoded parts into one file by stream copy (no re-encode), shifting timestamps so they
// stay continuous. The parts must share codec parameters and time base (one encoder made them).
// Each part is placed right after the frames before it, whatever its own first timestamp
// (first_frame_index or 0); the output starts where the first part starts. Throws Error if the
// parts differ, InputError for an unknown output extension; the output appears only when complete.
// With a variable-rate input's `times` (one per frame of all the parts together), the joined
// frames are shown at those times instead, whatever the parts' own spacing. `display_matrix`,
// the input's, goes on the output whatever the parts carry (the ffmpeg CLI writes none for frames
// it reads from a pipe).
#include <filesystem>
#include <optional>
#include <vector>

#include "media/frame_times.hpp"
#include "media/presentation.hpp"

namespace framebench::media {

void concat_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& output,
                  const FrameTimes& times = {}, const std::optional<DisplayMatrix>& display_matrix = {});

}  // namespace framebench::media
