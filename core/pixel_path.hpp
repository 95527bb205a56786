#pragma once
// Which pixels a job filters: packed BGR24 (the talk's OpenCV convention, converted from and to
// the codec's format), or the decoder's own planes, each on its own, with no conversion at all.
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

enum class PixelPath { bgr24, native };

std::string_view to_string(PixelPath path);
// Throws InputError "unknown pixel format 'x' (did you mean ...?); known: bgr24, native".
PixelPath parse_pixel_path(std::string_view name);
std::vector<std::string> pixel_path_names();

}  // namespace framebench
