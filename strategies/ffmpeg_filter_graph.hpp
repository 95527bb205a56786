#pragma once
// Which ffmpeg filter graph the ffmpeg peers (ffmpeg-filter, ffmpeg-native) run for a kernel:
// the fastest ffmpeg filter that computes the same thing (`avgblur` for a box: a running mean,
// cost independent of its size), and the generic `convolution` filter only where nothing faster
// is the same filter.
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

// Every graph filters inside a reflect-101 border (ours) cropped off after. Throws InputError
// "<input>: ..." for kernels ffmpeg's filters cannot express or would divide otherwise (its
// convolution divides by the taps' sum whatever rdiv says), and for frames of `input` the border
// cannot be kept on (a plane no larger than the radius: ffmpeg's fillborders reflects once, ours
// as often as it takes).
FfmpegFilterGraph ffmpeg_filter_graph(const kernels::KernelSpec& kernel, const media::VideoInfo& input);
// Empty when ffmpeg's filters can apply `kernel` as framebench does on any input; otherwise why
// not, naming `strategy`: a shape they have no filter for, or taps whose sum ffmpeg divides by.
// Whatever the input, so a run lists such cases as the strategy's limit, not the input's.
std::string ffmpeg_kernel_problem(const kernels::KernelSpec& kernel, const std::string& strategy);

// The ffmpeg-native peer's graph: the same filters for the same kernels on the decoder's own
// planes (`input`'s pixel format), with no conversion, each plane inside the border (chroma's at
// its own resolution). Throws InputError as ffmpeg_filter_graph does, and for a subsampled frame
// of odd size, whose last column and row ffmpeg's pad drops.
FfmpegFilterGraph ffmpeg_native_graph(const kernels::KernelSpec& kernel, const media::VideoInfo& input);

}  // namespace framebench::strategies
