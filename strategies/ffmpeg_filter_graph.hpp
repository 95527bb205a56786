#pragma once
// Which ffmpeg filter graph the ffmpeg-filter peer runs for a kernel: the fastest ffmpeg filter
// that computes the same thing (`avgblur` for a box: a running mean, cost independent of its
// size), and the generic `convolution` filter only where nothing faster is the same filter.
#include <string>

#include "kernels/kernel_spec.hpp"
#include "media/probe.hpp"

namespace framebench::strategies {

struct FfmpegFilterGraph {
  std::string graph;         // the -vf argument
  std::string filter;        // the filter doing the work: "avgblur", "convolution" or "convolution (row, column)"
  std::string pixel_format;  // what that filter runs on
  // What ran, for the results (e.g. "avgblur on gbrp").
  std::string method() const { return filter + " on " + pixel_format; }
};

// Throws InputError "<input>: ..." for kernels ffmpeg's filters cannot express, and for frames of
// `input` too small for the border rule to be kept (a plane narrower or shorter than the radius + 1:
// ffmpeg's fillborders reflects once, ours as often as it takes).
FfmpegFilterGraph ffmpeg_filter_graph(const kernels::KernelSpec& kernel, const media::VideoInfo& input);

// The ffmpeg-native peer's graph: filtering the decoder's own planes (`input`'s pixel format) with
// no conversion: `avgblur` for a box, `convolution` on every plane for a 3x3, 5x5 or 7x7 matrix,
// each plane inside our border rule as ffmpeg_filter_graph's. Throws InputError as it does.
FfmpegFilterGraph ffmpeg_native_graph(const kernels::KernelSpec& kernel, const media::VideoInfo& input);

}  // namespace framebench::strategies
