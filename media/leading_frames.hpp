#pragma once
// A stream cut from a longer one at an open-GOP keyframe (an HEVC CRA, an MPEG-2 I-frame of an
// open GOP, as a stream copy or a broadcast recording begins) holds leading pictures, shown before
// that keyframe, that refer to pictures before the cut. Decoders drop them (HEVC's RASL pictures,
// MPEG-2's B-frames without a forward reference) or make them without their references, so a
// decode gives fewer frames than the file holds (found 7 December 2026 by a sweep of GOP
// structures: "252 of the input's 254 frames were written" from every strategy, exit 1).
#include <string>

#include "media/probe.hpp"

namespace framebench::media {

// Empty where the stream starts at a clean restart (an IDR), has no frames out of decode order, or
// every frame of its first GOP decodes; else the refusal line: which file, how many frames, and a
// fix. Decodes the stream's start only where the probe's counts leave it in doubt.
std::string leading_frames_refusal(const VideoInfo& info);

}  // namespace framebench::media
