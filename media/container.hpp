#pragma once
// Can an output container hold what an encoder makes? libavformat says so per muxer, so a
// mismatch (FFV1 in .mp4, HEVC in .avi) is refused before any work, naming the user's file and
// the containers that would work, instead of failing later at the header of a temporary.
#include <filesystem>
#include <string>
#include <vector>

#include "media/encoder.hpp"

namespace framebench::media {

// Extensions (".mkv", ...) whose container libavformat says holds the encoder's codec.
std::vector<std::string> containers_for(const EncoderSpec& encoder);

// Empty when `output`'s container can hold the encoder's codec (or libavformat cannot tell);
// otherwise "<output>: ... use .mkv or .avi". InputError for an unknown extension.
std::string container_problem(const EncoderSpec& encoder, const std::filesystem::path& output);

}  // namespace framebench::media
