#pragma once
// The order a run's repetitions take. Interleaved (the default) runs one repetition of every case
// per round, so that slow drift of the machine hits every case alike; random shuffles each round
// with a recorded seed; sequential runs each case to the end before the next (AAA BBB). Every
// order stops a case by the policy's stopping rule. The interleaved and random orders keep a
// case's baseline running as long as the case does, and the case running until its speedup over
// the baseline is as precise as its fps, so that every speedup is paired within a round. The
// sequential order cannot: a baseline runs to its own end first, and a case's n-th repetition
// pairs with the baseline's n-th, as many as both have.
#include <cstdint>
#include <functional>
#include <vector>

#include "harness/case_run.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::harness {

// Whether case i runs another repetition: in the interleaved and random orders, while its fps or
// its speedup over its baseline is not yet precise, or while it is the baseline of a case that
// runs again; in sequential order, while its fps is not. Within the policy's limits either way.
// `baseline` is as for run_rounds. The progress line's time left counts by the same rule.
bool runs_again(std::size_t i, const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy);

// `baseline[i]` is the index of case i's baseline in `cases`, or -1. `after_round` runs after every
// round (sequential order: after every case), and within a round once policy.save_every_s has
// passed or the outputs waiting for their check take 1 GiB (those are checked first), so that the
// results on disk grow with the run.
// Stops early, after the repetition in progress, when the run is interrupted (core/interrupt.hpp).
// The random order uses policy.seed, which must be set. `on_step` is told each case's steps as
// they start, after the status line.
void run_rounds(std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy,
                const std::function<void()>& after_round, const StepListener& on_step = {});

}  // namespace framebench::harness
