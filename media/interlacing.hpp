#pragma once
// Whether an input is interlaced, for the warning every command gives: strategies filter whole
// frames, so a kernel mixes rows of both fields (captured at different moments), as ffmpeg's
// filters do without a deinterlacer.
#include <string>

#include "media/probe.hpp"

namespace framebench::media {

// Which field comes first ("top field first"), or empty for progressive input. The stream's field
// order says so for most files, but not for all that are interlaced: DV says it does not know, and
// x264's interlaced coding and MPEG-4's interlaced DCT in Matroska say "progressive" (found 7
// December 2026: no warning, outputs of mixed fields). Where the stream says no more than that,
// the first frame is decoded and its own flags asked.
std::string interlacing(const VideoInfo& info);

// Empty for progressive input; else the warning line: which file, which field first, and what
// filtering whole frames does to it.
std::string interlaced_warning(const VideoInfo& info);

}  // namespace framebench::media
