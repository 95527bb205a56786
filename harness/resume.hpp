#pragma once
// `run --resume FILE`: what an interrupted run of the same config already measured, read back from
// its results file, so the run goes on from there instead of from nothing.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "harness/case_run.hpp"
#include "harness/config.hpp"

namespace framebench::harness {

// The completed repetitions of each case (by case name) in `file`, with their verification.
struct PreviousRun {
  struct CaseSoFar {
    std::vector<Repetition> repetitions;
    VerificationResult verification;
  };
  std::map<std::string, CaseSoFar> cases;
};

// Throws InputError naming `file` when it cannot be read, is not a framebench run's results, or
// was made with another config (its config_hash differs). Cases that failed or never ran there
// are left out: they run again.
PreviousRun load_previous_run(const std::filesystem::path& file, const ExperimentConfig& config);

// Gives `run` the repetitions `previous` holds for it; it then needs no warm-up or verification.
void resume_case(CaseRun& run, const PreviousRun& previous);

}  // namespace framebench::harness
