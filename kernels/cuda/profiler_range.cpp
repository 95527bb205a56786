#include "kernels/cuda/profiler_range.hpp"

#include <nvtx3/nvToolsExt.h>

namespace framebench::kernels::cuda {

ProfilerRange::ProfilerRange(const char* name) { nvtxRangePushA(name); }

ProfilerRange::~ProfilerRange() { nvtxRangePop(); }

}  // namespace framebench::kernels::cuda
