#pragma once
// Whether an encoder keeps the native path's planes as they are. The native path writes the
// decoder's own planes and verification reads them back in that layout; some encoders store a
// layout as another (x264, x265 and FFV1 store nv12 as yuv420p, MJPEG yuv420p as yuvj420p), so
// such an output could never be checked. Found 5 December 2026 by a hostile-input sweep: nv12
// through x264 was written whole, then "did not verify" (exit 1).
#include <filesystem>
#include <string>

#include "media/encoder.hpp"
#include "media/probe.hpp"

namespace framebench::media {

// Empty if two frames of `native` (encoder_for_path on the native path for `input`), written as
// the job's writer would (`input`'s colour tags) into a file like `output` (its container), read
// back in the same pixel format; else why not, in words: another format, or an encoder that
// cannot be opened for them at all (MJPEG takes limited-range yuv420p only unofficially). Runs
// once per encoder, format, colour range and container in a process.
std::string native_round_trip_problem(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output);

}  // namespace framebench::media
