#pragma once
// One case of a run as it is measured: its job, its untimed warm-up, its timed repetitions with
// what else the machine did meanwhile, and its verification (once, after the first repetition,
// together with the other cases of the round that share its input, kernel and pixel path).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/input_file.hpp"
#include "harness/case_matrix.hpp"
#include "harness/config.hpp"
#include "harness/gpu_clocks.hpp"
#include "harness/measurement.hpp"
#include "harness/system_load.hpp"
#include "harness/verification.hpp"
#include "strategies/strategy.hpp"

namespace framebench::harness {

struct Repetition {
  Measurement measurement;
  LoadShares load;
  std::optional<GpuRepetitionClocks> gpu;  // GPU cases with NVML: clocks, temperature, power, throttling
  int round = 0;     // the round of the run it belongs to, from 1
  int sequence = 0;  // its place among every repetition of the run, from 1
};

struct CaseRun;
// Told when a case starts a step that can take a while: "warm-up", "round N", "verifying its output".
using StepListener = std::function<void(const CaseRun&, const std::string& step)>;
// The one step told before a case's timed repetitions: "round N" is told just before the first
// starts. The run's machine sample ends at the first step that is not this one (runner.cpp).
inline constexpr std::string_view kWarmUpStep = "warm-up";

struct CaseRun {
  Case spec;
  strategies::Job job;
  VerifySettings verify;
  int warmup = 0;  // untimed repetitions this process runs before the case's first timed one
  double timeout_s = 600;  // of one repetition (warm-ups too)
  int index = 0;  // from 1, in config order
  int total = 0;  // cases in the run
  std::vector<Repetition> repetitions;
  std::optional<Repetition> unverified;  // the first repetition, until verify_first_repetitions
  std::optional<VerificationResult> verification;
  std::string error;  // non-empty once the case has failed; it is then never run again
  std::optional<InputStamp> input_stamp;  // the input as hashed; every repetition must have read that file

  bool failed() const { return !error.empty(); }
  std::vector<double> fps() const;
  double timed_s() const;  // timed seconds so far, of the repetitions kept
  int repetitions_done() const;  // timed so far, a first one still waiting for its check included
  // Runs the warm-up (the first time in this process, also for a case resumed with repetitions
  // from an earlier one) and one timed repetition; a failure is kept in `error`. The first
  // repetition waits in `unverified` for verify_first_repetitions.
  void run_once(int round, int sequence, const StepListener& on_step = {});
  // Whether two cases' outputs are checked against the same expected frames.
  bool shares_expected_frames(const CaseRun& other) const;
  // Removes the case's output once nothing reads it (after its check, or its read-back where no
  // check follows): kept until the run's end, a run's scratch grew by one output per case (a
  // 1080p FFV1 clip is about 140 MB; found 6 December 2026 by a leak sweep).
  void drop_output() const;

 private:
  Measurement measure_within_limit() const;

  bool prepared_ = false;  // checked and warmed up in this process
};

// Why `job` cannot be done with its input at all, in one line naming the input, or "" when it can:
// the strategy's or encoder's refusal (Strategy::check: a size, pixel format or frame times it
// cannot take) or, where it is to be verified, an output that could not be checked. A run skips
// such cases before it starts (scope kInputScope); a case checks again before its warm-up.
std::string input_refusal(const strategies::Strategy& strategy, const strategies::Job& job, VerifyMode verify);

// Verifies the outputs of the cases whose first repetition waits, those of one input, kernel and
// pixel path against one making of the expected frames (verify_outputs). A verified case keeps
// its repetition; one that is not, or whose check fails, fails with the reason. It runs after a
// first Ctrl-C too, so that the round's completed repetitions are kept.
void verify_first_repetitions(const std::vector<CaseRun*>& cases, const StepListener& on_step = {});

}  // namespace framebench::harness
