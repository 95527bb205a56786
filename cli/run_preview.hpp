#pragma once
// What `run --list-cases` and `run --dry-run` print: the cases a run would measure, without
// measuring, generating a dataset or writing a file.
#include <vector>

#include "harness/config.hpp"
#include "harness/runner.hpp"

namespace framebench::cli {

// The names of the cases that would run, one per line on stdout, to build a --filter from.
void print_case_list(const harness::ExperimentConfig& config, const std::vector<harness::Case>& cases, const std::string& filter);

// The cases that would run, how long each is likely to take and why (its repetition time in this
// host's earlier results of the same config, times the stopping rule's bounds), and the cases
// that would be skipped, with the reason.
void print_dry_run(const harness::ExperimentConfig& config, const std::vector<harness::Case>& cases, const harness::RunOptions& options);

}  // namespace framebench::cli
