#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "core/status_line.hpp"
#include "reports/compare_text.hpp"
#include "reports/result_file.hpp"

namespace framebench::cli {

namespace {

struct CompareOptions {
  std::string a, b;
  std::vector<std::string> metrics;
  std::optional<double> fail_if_slower;  // percent
};

int compare(const CompareOptions& o) {
  const auto fa = reports::load_result_file(o.a);
  const auto fb = reports::load_result_file(o.b);
  const auto chosen = o.metrics.empty() ? reports::default_metrics(fa, fb) : o.metrics;
  const auto comparison = reports::compare_results(fa, fb, chosen);
  const bool in_common = reports::cases_in_both(comparison) > 0;
  if (const auto a = fa.context_string("config_name"), b = fb.context_string("config_name"); in_common && !a.empty() && !b.empty() && a != b)
    StatusLine::standard_error().warn(fmt::format("A ran config '{}' and B ran '{}': only the cases they share are compared", a, b));
  // What each file holds is shown even where nothing is in common; a gate that compared nothing
  // must not pass.
  fmt::print("{}", reports::format_comparison(comparison, fa, fb));
  if (!in_common) throw InputError(fmt::format("{} and {} have no case in common: nothing was compared", o.a, o.b));
  // Whether the shared cases have times in both is what says if anything could be compared: the
  // metrics shown may be missing for another reason (found 6 December 2026 by a review: `--metric
  // speedup` of files with other baselines was said to have failed every case, and the gate on
  // time was not run).
  const bool has_time = std::find(chosen.begin(), chosen.end(), "time") != chosen.end();
  const auto by_time = has_time ? comparison : reports::compare_results(fa, fb, {"time"});
  const auto failed = reports::failed_in_b(by_time);
  // Every shared case failed on one side: nothing compared either, unless the gate has B's failures
  // to fail on (found 6 December 2026 by a sweep of compare: every case failed in A, exit 0).
  if (reports::cases_compared(by_time) == 0 && (!o.fail_if_slower || failed.empty()))
    throw InputError(fmt::format("{} and {}: every case they share failed in one of them: nothing was compared", o.a, o.b));
  if (reports::cases_compared(comparison) == 0) {
    const bool speedup = std::any_of(chosen.begin(), chosen.end(), [](const std::string& m) { return m.starts_with("speedup"); });
    const std::string why = fmt::format("--metric {}: none of the cases they share has it in both files{}", fmt::join(chosen, ", "),
                                        speedup ? " (a speedup is compared only where both files have the same baseline)" : "");
    if (!o.fail_if_slower) throw InputError(fmt::format("{} and {}: {}", o.a, o.b, why));
    StatusLine::standard_error().warn(why + "; the gate compares their times");
  }
  if (!o.fail_if_slower) return 0;
  // The gate is on time whatever --metric showed.
  const auto slower = reports::slower_by_more_than(by_time, *o.fail_if_slower);
  fmt::print("\n{}", reports::format_regressions(slower, *o.fail_if_slower));
  const auto left_out = reports::cases_of_other_inputs(by_time);
  if (!left_out.empty())
    fmt::print("--fail-if-slower {:g}: {} case{} left out, measured on a dataset of other bytes in B\n", *o.fail_if_slower,
               left_out.size(), left_out.size() == 1 ? "" : "s");
  // A gate that could judge no case must not pass (found 6 December 2026 by a review: every shared
  // case's dataset had other bytes in B, exit 0).
  if (reports::cases_judged(by_time) == 0 && failed.empty())
    throw InputError(fmt::format("--fail-if-slower {:g}: every case {} and {} share was measured on a dataset of other bytes in B: "
                                 "the gate judged none",
                                 *o.fail_if_slower, o.a, o.b));
  if (!failed.empty()) {
    fmt::print("--fail-if-slower {:g}: {} case{} failed, unavailable or not run in B:\n", *o.fail_if_slower, failed.size(), failed.size() == 1 ? "" : "s");
    for (const auto& f : failed) fmt::print("  {}\n", f);
  }
  return slower.empty() && failed.empty() ? 0 : 1;
}

}  // namespace

void add_compare_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("compare", "Compare two result files case by case: faster, slower, same or unsure per metric");
  auto o = std::make_shared<CompareOptions>();
  sub->add_option("a", o->a, "Baseline result file (A, old)")->required()->check(non_empty_path());
  sub->add_option("b", o->b, "Result file compared with it (B, new)")->required()->check(non_empty_path());
  sub->add_option("--metric", o->metrics,
                  "time (real), cpu_time, or a counter such as fps, speedup, encode_s, bytes_per_second; repeatable (default: time and fps)")
      ->allow_extra_args(false);
  sub->add_option("--fail-if-slower", o->fail_if_slower,
                  "exit 1 when a case's time is slower (by the verdict, or by the U test where both are too noisy for their "
                  "intervals to part) by more than PCT percent: B/A > 1 + PCT/100; when a case is that much slower at the median "
                  "with too few repetitions for the test to judge; or when a case failed, is unavailable or was not run in B")
      ->option_text("PCT")
      ->check(finite_range(0, 1e6));
  sub->callback([&action, o] {
    action = [o] { return compare(*o); };
  });
}

}  // namespace framebench::cli
