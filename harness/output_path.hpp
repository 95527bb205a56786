#pragma once
// Where results and case outputs go.
#include <filesystem>
#include <string>

#include "media/encoder.hpp"

namespace framebench::harness {

// results/<name>-<host>-<UTC timestamp>.json under the current directory.
std::filesystem::path default_results_path(const std::string& name);
// Creates the parent directory; InputError naming it if that is impossible, or naming `file` where
// it is a folder ("out/", or one that exists).
void prepare_output_directory(const std::filesystem::path& file);
// The container a case's output uses for an encoder (mp4 for H.264/H.265, avi for the talk's
// MPEG-4 part 2 and MJPEG, mkv otherwise), or the first that libavformat says holds its codec.
std::string output_extension(const media::EncoderSpec& encoder);

}  // namespace framebench::harness
