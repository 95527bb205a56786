#include "strategies/registry.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "strategies/cuda_fft.hpp"
#include "strategies/cuda_global.hpp"
#include "strategies/cuda_shared.hpp"
#include "strategies/cuda_streams.hpp"
#include "strategies/ffmpeg_filter.hpp"
#include "strategies/in_memory.hpp"
#include "strategies/multiprocess_segments.hpp"
#include "strategies/opencv_videoio.hpp"
#include "strategies/piped_ffmpeg.hpp"
#include "strategies/single_core.hpp"
#include "strategies/tbb_pipeline.hpp"

namespace framebench::strategies {

const std::vector<const Strategy*>& all_strategies() {
  static const SingleCore single_core;
  static const OpencvVideoio opencv_videoio;
  static const MultiprocessSegments multiprocess_segments;
  static const TbbPipeline tbb_pipeline;
  static const PipedFfmpeg piped_ffmpeg;
  static const InMemory in_memory;
  static const CudaGlobal cuda_global;
  static const CudaShared cuda_shared;
  static const CudaFft cuda_fft;
  static const CudaStreams cuda_streams;
  static const FfmpegFilter ffmpeg_filter;
  // The design's order: the baselines, the CPU strategies, the GPU ones, then the peer.
  static const std::vector<const Strategy*> all = {&single_core,  &opencv_videoio, &multiprocess_segments, &tbb_pipeline,
                                                   &piped_ffmpeg, &in_memory,      &cuda_global,           &cuda_shared,
                                                   &cuda_fft,     &cuda_streams,   &ffmpeg_filter};
  return all;
}

const Strategy& strategy(const std::string& name) {
  std::vector<std::string> names;
  for (const Strategy* s : all_strategies()) {
    if (s->name() == name) return *s;
    names.push_back(s->name());
  }
  throw InputError(fmt::format("unknown strategy '{}'; known: {}", name, fmt::join(names, " ")));
}

}  // namespace framebench::strategies
