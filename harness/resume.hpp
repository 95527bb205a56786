#pragma once
// `run --resume FILE`: what an interrupted run of the same config already measured, read back from
// its results file, so the run goes on from there instead of from nothing.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
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
  std::map<std::string, std::string> dataset_sha256;  // by dataset label, from its context
  std::string host;                                    // where it ran (Google Benchmark's host_name)
  std::string build;                                   // framebench's version, commit and build type, as build_text() says them
  std::string cores;                                   // the cores it could use (cpu_cores_available; empty in older files)
};


// Throws InputError naming `file` when it cannot be read, is not a framebench run's results, or
// was made with another config (its config_hash differs). Cases that failed or never ran there
// are left out: they run again.
PreviousRun load_previous_run(const std::filesystem::path& file, const ExperimentConfig& config);
// Throws InputError where `file` is a fleet run's results (every host's), which --resume cannot go
// on with; load_previous_run does too. Its own step, for a check made before the file is read as
// results (whose reader would ask for one host of it, FILE@HOST, which --resume cannot take either).
void refuse_fleet_results(const std::filesystem::path& file);

// Throws InputError naming `file` when the run now would measure on another host, with another
// framebench build or another count of cores than `previous` did: checked before any dataset is
// made (found 6 December 2026 by a review: refused only after the datasets were made).
void check_same_machine(const PreviousRun& previous, const std::filesystem::path& file, const std::string& host);

// Throws InputError naming `file` when the run now would measure other inputs or another machine
// than `previous` did (check_same_machine, then): a dataset whose bytes differ (its sha256), or another host. Repetitions of
// both would be pooled into one interval (found 5 December 2026 by a hostile-input sweep: a clip
// regenerated at twice the frames was resumed into, and the file recorded only the new hash).
void check_same_inputs(const PreviousRun& previous, const std::filesystem::path& file,
                       const std::map<std::string, std::string>& dataset_sha256, const std::string& host);

// Gives `run` the repetitions `previous` holds for it; it then needs no warm-up or verification.
void resume_case(CaseRun& run, const PreviousRun& previous);

}  // namespace framebench::harness
