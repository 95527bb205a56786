#pragma once
// How the ffmpeg peers run: one `ffmpeg` process decoding, filtering through a graph and
// encoding, every part on the job's cores. ffmpeg is one black box: its decode, filter and encode
// share its threads and it reports no split of its time, so no stage is claimed; its CPU time
// counts in the run's children time.
#include "media/encoder.hpp"
#include "strategies/ffmpeg_filter_graph.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Runs `graph` over the job's input into its output with `encoder`; the report's label is the
// graph's method. Throws Error naming ffmpeg's own complaint when it fails.
RunReport run_ffmpeg_peer(const Job& job, const FfmpegFilterGraph& graph, const media::EncoderSpec& encoder, const char* scratch_name);

}  // namespace framebench::strategies
