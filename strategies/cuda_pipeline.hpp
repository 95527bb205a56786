#pragma once
// What the cuda-* strategies share: decode on the CPU, batches of options.batch frames copied
// into pinned buffers, uploaded, filtered and downloaded on the GPU, encoded on the CPU.
// With one slot every batch completes before the CPU moves on (cuda-global, cuda-shared,
// cuda-fft); with N slots on N streams, batch i's upload, kernel and download overlap the CPU
// decoding batch i+1 and encoding batch i-N+1 (cuda-streams).
// Stages: decode, encode, transfer (CPU copies into pinned buffers), and upload, kernel and
// download as CUDA events measure them on each stream (summed over streams; with overlapping
// streams a copy that waits for the shared copy engine counts its wait).
#include <string>

#include "kernels/cuda/batch_filter.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

RunReport run_gpu_pipeline(const Job& job, kernels::cuda::Algorithm algorithm, int slots);

// Empty when the GPU strategies can run here (kernels::cuda::unavailable_reason()).
std::string gpu_unavailable_reason();

}  // namespace framebench::strategies
