#include "strategies/registry.hpp"

#include <memory>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "strategies/factories.hpp"

namespace framebench::strategies {

namespace {

using Factory = std::unique_ptr<Strategy> (*)();

// The design's order: the baselines, the CPU strategies, the GPU ones, MPI, then the peers.
constexpr Factory kFactories[] = {
    make_single_core,  make_opencv_videoio, make_multiprocess_segments, make_tbb_pipeline, make_piped_ffmpeg, make_in_memory,
    make_tbb_chunks,
    make_cuda_global,  make_cuda_shared,    make_cuda_fft,              make_cuda_streams, make_mpi_segments,
    make_ffmpeg_filter, make_ffmpeg_native,
};

}  // namespace

const std::vector<const Strategy*>& all_strategies() {
  static const std::vector<std::unique_ptr<Strategy>> owned = [] {
    std::vector<std::unique_ptr<Strategy>> made;
    for (const Factory make : kFactories) made.push_back(make());
    return made;
  }();
  static const std::vector<const Strategy*> all = [] {
    std::vector<const Strategy*> view;
    for (const auto& s : owned) view.push_back(s.get());
    return view;
  }();
  return all;
}

const Strategy& strategy(const std::string& name) {
  std::vector<std::string> names;
  for (const Strategy* s : all_strategies()) {
    if (s->name() == name) return *s;
    names.push_back(s->name());
  }
  throw InputError(unknown_name_message("strategy", name, names));
}

}  // namespace framebench::strategies
