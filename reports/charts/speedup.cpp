// Speedup over the baseline (single-core unless the run named another) with the same dataset,
// kernel and encoder; ticks at the ideal.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"
#include "strategies/registry.hpp"

namespace framebench::reports::charts {

namespace {

constexpr const char* default_baseline = "single-core";

bool has_paired_speedup(const CaseResult& c) { return !c.failed && c.statistics && c.statistics->speedup; }

// The strategy the speedups are over: the one the run recorded, else single-core.
std::string baseline_of(const std::vector<const CaseResult*>& cases) {
  for (const auto* c : cases)
    if (has_paired_speedup(*c) && !c->statistics->baseline.empty()) return c->statistics->baseline;
  return default_baseline;
}

// Median baseline time per encoder (its one-worker run where there are several), for the cases
// without a paired speedup.
std::map<std::string, double> baselines(const std::vector<const CaseResult*>& cases, const std::string& strategy) {
  std::map<std::string, double> baseline;
  for (const auto* c : cases)
    if (c->param("strategy") == strategy && !c->times_s().empty() && (!baseline.contains(c->param("encoder")) || workers_of(*c) == 1))
      baseline[c->param("encoder")] = harness::median(c->times_s());
  return baseline;
}

// Whether its workers are its parallelism, so that the ideal speedup is their count: a GPU
// strategy's is the device's, and a tick at its 16 CPU workers squeezed its bar.
bool scales_with_cpu_workers(const CaseResult& c) {
  const auto& all = strategies::all_strategies();
  const auto it = std::find_if(all.begin(), all.end(), [&](const strategies::Strategy* s) { return s->name() == c.param("strategy"); });
  return it == all.end() || !(*it)->uses_gpu();
}

// Encoders whose baseline case ran and failed: their cases have no speedup, and say why.
std::set<std::string> failed_baselines(const std::vector<const CaseResult*>& cases, const std::string& strategy) {
  std::set<std::string> failed;
  for (const auto* c : cases)
    if (c->param("strategy") == strategy && c->failed) failed.insert(c->param("encoder"));
  return failed;
}

// The paired speedup and its interval where the run recorded them, else the ratio of medians.
std::optional<Bar> speedup_bar(const CaseResult& c, const std::map<std::string, double>& baseline) {
  if (has_paired_speedup(c)) {
    const auto& s = *c.statistics;
    Bar bar{{}, c.param("encoder"), *s.speedup, std::nullopt, std::nullopt, std::nullopt, flag_text(c)};
    if (s.speedup_interval) {
      bar.lo = s.speedup_interval->low;
      bar.hi = s.speedup_interval->high;
    }
    return bar;
  }
  const auto base = baseline.find(c.param("encoder"));
  const double median = harness::median(c.times_s());
  if (base == baseline.end() || median <= 0) return std::nullopt;
  return Bar{{}, c.param("encoder"), base->second / median, std::nullopt, std::nullopt, std::nullopt, flag_text(c)};
}

class SpeedupChart final : public ChartKind {
 public:
  std::string_view name() const override { return "speedup"; }
  Scope scope() const override { return Scope::e2e_job; }
  // Only with a parallel case that has a speedup over the baseline.
  bool applies_to(const ChartCases& in) const override {
    const auto strategy = baseline_of(in.cases);
    const auto baseline = baselines(in.cases, strategy);
    return std::any_of(in.cases.begin(), in.cases.end(), [&](const CaseResult* c) {
      return c->param("strategy") != strategy && !c->failed && speedup_bar(*c, baseline).has_value();
    });
  }
  Chart build(const ChartCases& in) const override;
};

std::vector<std::string> subtitle(const ChartCases& in, const std::string& strategy, bool ideal) {
  const auto ratio = fmt::format("median {} time / median time", strategy);
  const auto marks = fmt::format("{}dashed line: no speedup", ideal ? "black ticks: ideal speedup (= CPU workers); " : "");
  if (!any_statistics(in.cases)) return {ratio + "; " + marks};
  return {fmt::format("median of per-round ratios (fps / {}'s fps in the same round); error bars: {}", strategy,
                      error_bar_text(in.cases, "none (" + ratio + ")")),
          marks};
}

Chart SpeedupChart::build(const ChartCases& in) const {
  const auto dataset = in.shared("dataset"), kernel = in.shared("kernel");
  const auto strategy = baseline_of(in.cases);
  const auto baseline = baselines(in.cases, strategy);
  const bool intervals = any_statistics(in.cases);
  // Workers are the ideal only over one core.
  const bool ideal = strategy == default_baseline;
  // Older files paired native-path cases with the baseline's BGR24 run: the words say so there.
  const auto over = native_paired_over_bgr24(in.cases, strategy) ? strategy + " (BGR24)" : strategy;
  Chart chart;
  chart.id = slug(fmt::format("{}-{}-{}{}", name(), dataset, kernel, in.id_suffix));
  chart.title = fmt::format("Speedup over {}: {}, {}{}", over, dataset, kernel, in.title_suffix);
  chart.table.columns = {"strategy", "encoder", "workers", "speedup (x)", "ideal (x)", "median time (s)"};
  if (intervals) chart.table.columns.insert(chart.table.columns.end(), {"CI low (x)", "CI high (x)", "status"});
  BarChart bc;
  const SkippedCases skipped_all = skipped_cases(in, *this);
  const auto& skipped = skipped_all.shown;
  const auto labelled = with_skipped(in, skipped);
  if (skipped_all.more) chart.notes.push_back(skipped_all.note());
  const E2eLabeller label(labelled);
  const auto baseline_failed = failed_baselines(in.cases, strategy);
  UnmeasuredRows unmeasured;
  for (const auto* c : in.cases) {
    const auto encoder = c->param("encoder");
    // A failed case is drawn as failed, the baseline included, before asking for its baseline.
    if (c->failed) {
      bc.failed.push_back({label(*c), encoder, failed_text(*c)});
      chart.notes.push_back(failed_note(*c));
      unmeasured.add({c->param("strategy"), encoder, workers_text(*c)}, c->failure_text());
      continue;
    }
    if (!has_paired_speedup(*c) && !baseline.contains(encoder)) {
      if (baseline_failed.contains(encoder)) {
        bc.failed.push_back({label(*c), encoder, "baseline failed"});
        unmeasured.add({c->param("strategy"), encoder, workers_text(*c)}, "baseline failed");
        chart.notes.push_back(fmt::format("baseline failed: {} with encoder {} failed, so {} has no speedup over it", strategy, encoder, c->name));
      } else if (c->param("strategy") != strategy) {
        chart.notes.push_back(fmt::format("no {} run with encoder {} to compare {} with", strategy, encoder, c->name));
      }
      continue;
    }
    auto bar = speedup_bar(*c, baseline);
    if (!bar) continue;
    bar->label = label(*c);
    const int workers = std::max(1, workers_of(*c));
    const bool ideal_here = ideal && scales_with_cpu_workers(*c);
    if (ideal_here) bar->tick = workers;
    bc.bars.push_back(*bar);
    auto& row = chart.table.rows.emplace_back(std::vector<std::string>{c->param("strategy"), encoder, workers_text(*c), num(bar->value),
                                                                        ideal_here ? std::to_string(workers) : "",
                                                                        num(harness::median(c->times_s()))});
    if (intervals) row.insert(row.end(), {bar->lo ? num(*bar->lo) : "", bar->hi ? num(*bar->hi) : "", status_text(*c)});
    for (auto& note : flag_notes(*c)) chart.notes.push_back(std::move(note));
  }
  for (const auto& s : skipped) {
    bc.skipped.push_back({label(s), s.param("encoder"), skipped_text(s)});
    unmeasured.add({s.param("strategy"), s.param("encoder"), workers_text(s)}, skipped_text(s));
  }
  unmeasured.append_to(chart.table);
  bc.title = chart.title;
  bc.subtitle = subtitle(in, over, ideal);
  bc.x_title = fmt::format("speedup over {} (x)", over);
  bc.group_title = "encoder";
  bc.group_order = distinct(labelled, "encoder");
  bc.colour_domain = distinct(report_cases(*in.hosts, in.kind), "encoder");
  bc.label_order = order_labels(bc, false);
  bc.rules.push_back({1.0, ""});  // the subtitle says what it is
  chart.spec = bar_chart_spec(bc);
  return chart;
}

}  // namespace

const ChartKind& speedup_chart() { static const SpeedupChart kind; return kind; }

}  // namespace framebench::reports::charts
