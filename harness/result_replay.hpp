#pragma once
// framebench measures a run's repetitions itself, in the order the policy says (Google Benchmark
// would run each case's repetitions back to back, and has no stopping rule), and then hands them
// to Google Benchmark as manual times, so that the results file is Google Benchmark JSON its
// tools read: one entry per repetition with its counters, plus Google Benchmark's aggregates.
#include <string_view>
#include <vector>

#include "harness/case_run.hpp"
#include "harness/case_statistics.hpp"

namespace framebench::harness {

// The error a case that never ran carries in the results: the run was stopped before its first
// repetition (it is no failure of the case, and readers say so).
inline constexpr std::string_view kNeverRan = "no repetition";
// Such a case in words, wherever it is shown: it did not fail, it was not run.
inline constexpr std::string_view kStoppedBeforeIt = "the run was stopped before it";

// Whether a counter of a result's entry is one the harness writes (its measurement, statistics,
// GPU sample) or Google Benchmark's own; the rest are a strategy's (RunReport::counters).
bool is_harness_counter(std::string_view name);

// Registers every case with Google Benchmark; `runs` and `stats` must outlive the session's run().
void register_replays(const std::vector<CaseRun>& runs, const std::vector<CaseStatistics>& stats);

}  // namespace framebench::harness
