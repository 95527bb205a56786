#pragma once
// One factory per strategy, each defined in the strategy's own file; registry.cpp lists them.
// A new strategy is a file defining its factory, a line here and a row in registry.cpp.
#include <memory>

#include "strategies/strategy.hpp"

namespace framebench::strategies {

std::unique_ptr<Strategy> make_single_core();            // single_core.cpp
std::unique_ptr<Strategy> make_opencv_videoio();         // opencv_videoio.cpp
std::unique_ptr<Strategy> make_multiprocess_segments();  // multiprocess_segments.cpp
std::unique_ptr<Strategy> make_tbb_pipeline();           // tbb_pipeline.cpp
std::unique_ptr<Strategy> make_tbb_chunks();             // tbb_chunks.cpp
std::unique_ptr<Strategy> make_piped_ffmpeg();           // piped_ffmpeg.cpp
std::unique_ptr<Strategy> make_in_memory();              // in_memory.cpp
// cuda.cpp: one table-driven strategy, a row each.
std::unique_ptr<Strategy> make_cuda_global();
std::unique_ptr<Strategy> make_cuda_shared();
std::unique_ptr<Strategy> make_cuda_fft();
std::unique_ptr<Strategy> make_cuda_streams();
std::unique_ptr<Strategy> make_ffmpeg_filter();          // ffmpeg_filter.cpp
std::unique_ptr<Strategy> make_mpi_segments();           // mpi_segments.cpp
std::unique_ptr<Strategy> make_ffmpeg_native();          // ffmpeg_native.cpp

}  // namespace framebench::strategies
