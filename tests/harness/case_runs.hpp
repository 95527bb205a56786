#pragma once
// Cases of a config with repetitions added by hand: what the statistics and the progress line
// read, without running anything.
#include <cstdint>
#include <string>
#include <vector>

#include "harness/case_run.hpp"

namespace framebench::harness::testing {

// The cases of a config on one dataset ("a", of 100 frames of 100x100), kernel and encoder;
// `matrix` adds the strategy and workers lines.
std::vector<CaseRun> runs_of(const std::string& matrix);

// A repetition of `frames` frames at `fps`, in `round`.
Repetition repetition(int round, double fps, std::int64_t frames = 100);

}  // namespace framebench::harness::testing
