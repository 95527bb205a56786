#pragma once
// What an encoder makes of the native path's planes, learnt by trying: two 64x64 frames written
// as the job's writer would (the input's colour tags) into a scratch file of the output's
// container, and probed. Some encoders cannot be opened for a layout at all (MJPEG takes
// limited-range yuv420p only unofficially); some store it as another (x264, x265 and FFV1 store
// nv12 as yuv420p), which writes a good file that verification, reading back the input's own
// layout, could never check. Found 5 December 2026 by a hostile-input sweep: the first failed
// after the job had started, the second was written whole and then did not verify (exit 1).
#include <filesystem>
#include <string>

#include "media/encoder.hpp"
#include "media/probe.hpp"

namespace framebench::media {

struct NativeRoundTrip {
  std::string refused;    // why the encoder cannot be opened for these frames; empty when it can
  std::string read_back;  // the pixel format the file reads back as, where it could be written
};

// The trial for `native` (encoder_for_path on the native path for `input`) and `output`'s
// container, made once per encoder, format, colour range and container in a process. Throws Error
// where the trial itself fails for another reason (a full scratch disk), which is not kept.
NativeRoundTrip native_round_trip(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output);

}  // namespace framebench::media
