#pragma once
// The cases of an experiment: the cross product of its matrix, each checked before anything runs.
#include <string>
#include <string_view>
#include <vector>

#include "datasets/catalog.hpp"
#include "harness/config.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "strategies/strategy.hpp"

namespace framebench::harness {

// Whose limit keeps a case from running, as results record it ("scope" of each unavailable entry):
inline constexpr std::string_view kMachineScope = "machine";    // this machine or build lacks it: no GPU, too few cores, an encoder libav lacks
inline constexpr std::string_view kStrategyScope = "strategy";  // the strategy can never do what the case asks
inline constexpr std::string_view kInputScope = "input";        // the strategy or encoder cannot take this dataset (its size, pixel format, times)
inline constexpr std::string_view kSameCase = "same case";      // measured under another name (mark_same_as_all_cores)
// A scope in words, for a skipped case's line: `where` is "this" while running, "that" reading a file.
std::string scope_text(std::string_view scope, std::string_view where);

struct Case {
  const strategies::Strategy* strategy = nullptr;
  std::string dataset;  // catalog name or file path, as written in the config
  kernels::KernelSpec kernel;
  media::EncoderSpec encoder;
  int workers = 0;      // as configured (0 = all cores)
  PixelPath pixels = PixelPath::bgr24;
  std::string unavailable_reason;  // non-empty: skipped and recorded, not run
  std::string unavailable_scope;   // whose limit it is: kMachineScope, kStrategyScope or kSameCase

  // e2e/strategy:S/dataset:D/kernel:K/encoder:E/workers:N, and /pixel_format:native on the
  // native path (BGR24 cases keep the names they always had, so older results still compare).
  std::string name() const;
  int resolved_workers() const;
};

// Throws InputError naming the config key for unknown strategies, kernels or encoders.
std::vector<Case> expand_matrix(const ExperimentConfig& config);
// Throws InputError naming the config and its key (matrix.dataset[1]) for a dataset of `cases`
// (those --filter keeps) that is neither in the catalog nor a file, before anything is made or run
// (also for --dry-run).
void check_datasets_known(const ExperimentConfig& config, const std::vector<Case>& cases, const datasets::Catalog& catalog);

// Marks each case of N workers, N being every core here, that runs beside the same case of
// workers 0: one case under two names, measured once, as workers 0 (found 5 December 2026 by a
// hostile-input sweep: workers = [0, 2] on 2 cores ran it twice). Scope "same case". For the
// cases --filter kept, so that `--filter workers:2` still runs it.
void mark_same_as_all_cores(std::vector<Case>& cases);

// InputError when no case of `cases` (those --filter matched: `filter`, empty for none) can run
// here: none matched, or each is unavailable (the first one's reason said). One message for
// `run`, its --dry-run and its --list-cases.
void check_some_runnable(const ExperimentConfig& config, const std::vector<Case>& cases, const std::string& filter);

// A label safe in a case name: file paths become their file name.
std::string dataset_label(const std::string& dataset);

}  // namespace framebench::harness
