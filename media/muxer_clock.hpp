#pragma once
// The clock a container counts a stream's times in. A muxer may count in a coarser tick than the
// encoder's: AVI turns any time base finer than 1/1000 s into 1/600 s, Matroska counts
// milliseconds. Frames of a variable rate closer than that tick fall on one time there, which the
// muxer refuses mid-job ("non monotonically increasing dts"); this finds them before any work.
#include <filesystem>
#include <string>

#include "media/encoder.hpp"
#include "media/rational.hpp"

namespace framebench::media {

struct FrameTimes;

// The time base `output`'s muxer keeps for a `width` x `height` stream from `encoder` asked to
// count in `wanted`; `wanted` itself where libavformat cannot tell (the header is written to
// memory, so nothing touches the file system).
Rational muxer_time_base(const std::filesystem::path& output, const EncoderSpec& encoder, int width, int height, Rational wanted);

// Empty when `output`'s muxer keeps apart every two frames `times` (a variable rate) shows at
// different times; otherwise which two it would put on one tick, and the containers that keep them.
std::string muxer_clock_problem(const std::filesystem::path& output, const EncoderSpec& encoder, int width, int height,
                                const FrameTimes& times);

}  // namespace framebench::media
