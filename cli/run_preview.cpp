#include "cli/run_preview.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/result_text.hpp"
#include "datasets/catalog.hpp"
#include "harness/environment.hpp"
#include "harness/statistics.hpp"
#include "harness/output_path.hpp"
#include "harness/resume.hpp"
#include "harness/run_progress.hpp"
#include "reports/result_file.hpp"

namespace framebench::cli {

namespace fs = std::filesystem;

namespace {

// This host's earlier results of the config where `run` writes them by default, newest first
// (the names end in a UTC timestamp). Times from another machine would say nothing about this one.
std::vector<reports::ResultFile> earlier_results(const std::string& config_name) {
  const fs::path dir = harness::default_results_path(config_name).parent_path();
  const std::string prefix = fmt::format("{}-{}-", config_name, harness::host_name());
  std::vector<fs::path> paths;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with(prefix) && entry.path().extension() == ".json") paths.push_back(entry.path());
  }
  std::sort(paths.rbegin(), paths.rend());
  std::vector<reports::ResultFile> out;
  for (const auto& p : paths) {
    try {
      out.push_back(reports::load_result_file(p));
    } catch (const InputError& e) {
      fmt::print(stderr, "not used for the estimate: {}\n", e.what());
    }
  }
  return out;
}

struct EarlierTime {
  double repetition_s = 0;
  std::size_t repetitions = 0;
  fs::path file;
};

std::optional<EarlierTime> earlier_time(const std::string& case_name, const std::vector<reports::ResultFile>& earlier) {
  for (const auto& file : earlier) {
    const auto* c = file.find(case_name);
    if (!c || c->failed) continue;
    auto times = c->times_s();
    if (times.empty()) continue;
    std::sort(times.begin(), times.end());
    return EarlierTime{times[(times.size() - 1) / 2], times.size(), file.path};
  }
  return std::nullopt;
}

void print_unavailable(const std::vector<harness::Case>& cases) {
  std::vector<const harness::Case*> skipped;
  for (const auto& c : cases)
    if (!c.unavailable_reason.empty()) skipped.push_back(&c);
  if (skipped.empty()) return;
  fmt::print("\nwould skip {} case(s):\n", skipped.size());
  for (const auto* c : skipped)
    fmt::print("  {}\n    {}: {}\n", c->name(), harness::scope_text(c->unavailable_scope, "this"), c->unavailable_reason);
}

}  // namespace

void print_case_list(const harness::ExperimentConfig& config, const std::vector<harness::Case>& cases, const std::string& filter) {
  harness::check_some_runnable(config, cases, filter);
  for (const auto& c : cases)
    if (c.unavailable_reason.empty()) fmt::print("{}\n", c.name());
}

void print_dry_run(const harness::ExperimentConfig& config, const std::vector<harness::Case>& cases, const harness::RunOptions& options) {
  const auto policy = harness::effective_policy(config, options);
  const auto earlier = earlier_results(config.name);
  const auto runnable = std::count_if(cases.begin(), cases.end(), [](const auto& c) { return c.unavailable_reason.empty(); });
  // What the run would refuse, the dry run refuses (found 5 December 2026 by a review of first use),
  // but for what only the datasets' frames can tell: nothing is made or probed here, so a case
  // its dataset rules out is found when the run probes it (the line after the count says so).
  if (runnable == 0) {
    if (!cases.empty()) print_unavailable(cases);
    harness::check_some_runnable(config, cases, options.filter);
  }
  if (!options.resume.empty()) {
    const auto previous = harness::load_previous_run(options.resume, config);
    harness::check_nothing_dropped(previous, cases, options);
    harness::check_within_repetitions(previous, policy, options);
    std::size_t kept = 0;
    for (const auto& c : cases)
      if (const auto it = previous.cases.find(c.name()); c.unavailable_reason.empty() && it != previous.cases.end())
        kept += !it->second.repetitions.empty();
    fmt::print("--resume {}: the repetitions of {} of these cases are kept and go on\n", one_printable_line(options.resume.string()), kept);
  }
  fmt::print("{}: {} case(s) would run, {} would be skipped; nothing is measured or written (--dry-run)\n", one_printable_line(config.path.string()), runnable,
             cases.size() - static_cast<std::size_t>(runnable));
  fmt::print("(a case whose dataset's frames its strategy or encoder cannot take is skipped when the run probes the dataset)\n");
  // Making a catalog clip takes seconds to minutes before the first case (found 6 December 2026
  // by a review of first use: the dry run did not say so).
  const auto catalog = datasets::Catalog::load_default();
  const auto cache = datasets::default_cache_dir();
  std::set<std::string> to_make;
  for (const auto& c : cases)
    if (const auto* spec = catalog.find(c.dataset); spec && c.unavailable_reason.empty() && !datasets::made_in_cache(*spec, cache))
      to_make.insert(c.dataset);
  if (!to_make.empty())
    fmt::print("the run first makes the catalog clip(s) {} in {} (once, untimed)\n", fmt::join(to_make, ", "), one_printable_line(cache.string()));
  if (policy.min_repetitions == policy.max_repetitions)  // --repetitions or a config's repetitions: no stopping rule
    fmt::print("each case: {} warm-up(s), then exactly {} timed round(s); its first round's output verified\n\n", config.warmup,
               policy.min_repetitions);
  else
    fmt::print("each case: {} warm-up(s), then {} to {} timed rounds (the stopping rule: until the {} intervals of its median fps "
               "and of its speedup are within {:.1f}%, at most {:.0f} timed seconds); its first round's output verified\n\n",
               config.warmup, policy.min_repetitions, policy.max_repetitions, harness::confidence_text(policy.confidence), 100 * policy.max_noise,
               policy.max_time_s);
  harness::TimeLeft total;
  std::vector<std::optional<EarlierTime>> times;
  for (const auto& c : cases)
    times.push_back(c.unavailable_reason.empty() ? earlier_time(c.name(), earlier) : std::nullopt);
  const auto unknown = runnable - std::count_if(times.begin(), times.end(), [](const auto& t) { return t.has_value(); });
  const std::string results_folder = one_printable_line(harness::default_results_path(config.name).parent_path().string());
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const harness::Case& c = cases[k];
    if (!c.unavailable_reason.empty()) continue;
    const auto& time = times[k];
    if (!time) {
      // Where no case has an earlier time, the name alone: the line under the list says why once
      // (a line per case said the same thing hundreds of times, found 6 December 2026).
      if (unknown == runnable) fmt::print("  {}\n", c.name());
      else fmt::print("  {}\n    likely time unknown: no earlier result of it\n", c.name());
      continue;
    }
    const auto bounds = harness::case_time_bounds(policy, config.warmup, time->repetition_s);
    total.low_s += bounds.low_s;
    total.high_s += bounds.high_s;
    fmt::print("  {}\n    likely {}: {:.3f} s per repetition, the median of {} in {}\n", c.name(), harness::duration_range(bounds), time->repetition_s,
               time->repetitions, one_printable_line(time->file.string()));
  }
  if (unknown == runnable)
    fmt::print("\nlikely duration: unknown (no earlier result of these cases on this host in {}; a run writes one)\n", results_folder);
  else
    fmt::print("\nlikely duration: {}{}\n", harness::duration_range(total),
               unknown ? fmt::format(", plus {} case(s) of unknown time", unknown) : std::string());
  print_unavailable(cases);
}

}  // namespace framebench::cli
