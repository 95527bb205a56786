#pragma once
// Can an output container hold what an encoder makes? libavformat says so per muxer, so a
// mismatch (FFV1 in .mp4, HEVC in .avi) is refused before any work, naming the user's file and
// the containers that would work, instead of failing later at the header of a temporary.
#include <filesystem>
#include <string>
#include <vector>

#include "media/encoder.hpp"

namespace framebench::media {

// The extensions of the containers framebench writes (".mp4", ".mkv", ".avi", ".ts", ".nut").
std::vector<std::string> written_extensions();

// Extensions (".mkv", ...) whose container libavformat says holds the encoder's codec.
std::vector<std::string> containers_for(const EncoderSpec& encoder);

// Empty when `output`'s container can hold the encoder's codec (or libavformat cannot tell);
// otherwise "<output>: ... use .mkv or .avi". InputError for an unknown extension.
std::string container_problem(const EncoderSpec& encoder, const std::filesystem::path& output);

// Empty when `output` can hold frames shown at one time (an input whose capture stamped two
// frames alike), which only Matroska does, and only from encoders that take equal timestamps
// (x264, x265, FFV1; libavcodec's mpeg4 and mjpeg refuse them); otherwise why not. Found
// 5 December 2026 by a hostile-input sweep: every other pair failed mid-job in the muxer's or
// encoder's words ("write: Invalid argument").
std::string equal_times_problem(const EncoderSpec& encoder, const std::filesystem::path& output);

// Empty when `output` can keep a variable frame rate's times from the encoder; otherwise why not:
// AVI records no presentation times, so where the encoder reorders frames (B-frames) the times
// read back are decode times, which at a changing rate are not the frames' (found 6 December 2026
// by a correctness sweep: correctly timed outputs failed verification, mistimed ones passed).
std::string variable_times_problem(const EncoderSpec& encoder, const std::filesystem::path& output);

}  // namespace framebench::media
