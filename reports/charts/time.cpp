// Time per strategy, grouped by encoder: the talk's bar chart.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"
#include "reports/result_table.hpp"
#include "reports/table_cells.hpp"

namespace framebench::reports::charts {

namespace {

// The median with its confidence interval where the case has one, else with min and max.
Bar time_bar(const CaseResult& c, std::string label) {
  const auto t = c.times_s();
  Bar bar = median_bar(std::move(label), c.param("encoder"), t);
  if (const auto interval = c.time_interval()) {
    bar.lo = interval->low;
    bar.hi = interval->high;
  }
  bar.flag = flag_text(c);
  return bar;
}

void add_row(Chart& chart, const CaseResult& c, const Bar& bar, bool intervals) {
  const auto t = c.times_s();
  auto& row = chart.table.rows.emplace_back(std::vector<std::string>{c.param("strategy"), c.param("encoder"), workers_text(c),
                                                                     num(bar.value), num(min_of(t)), num(max_of(t)),
                                                                     std::to_string(t.size())});
  if (intervals) {
    // The noise `summary` shows, so that the two never disagree.
    const auto interval = c.time_interval();
    row.insert(row.end(), {interval ? num(interval->low) : "", interval ? num(interval->high) : "", noise_cell(noise_of(c))});
  }
  row.push_back(status_text(c));
}

class TimeChart final : public ChartKind {
 public:
  std::string_view name() const override { return "time"; }
  Scope scope() const override { return Scope::e2e_job; }
  bool applies_to(const ChartCases& in) const override { return any_timed(in.cases); }
  Chart build(const ChartCases& in) const override;
};

Chart TimeChart::build(const ChartCases& in) const {
  const auto dataset = in.shared("dataset"), kernel = in.shared("kernel");
  const bool intervals = any_statistics(in.cases);
  Chart chart;
  chart.id = slug(fmt::format("{}-{}-{}{}", name(), dataset, kernel, in.id_suffix));
  chart.title = fmt::format("Time per strategy: {}, {}{}", dataset, kernel, in.title_suffix);
  chart.table.columns = {"strategy", "encoder", "workers", "median (s)", "min (s)", "max (s)", "repetitions"};
  if (intervals) chart.table.columns.insert(chart.table.columns.end(), {"CI low (s)", "CI high (s)", "noise"});
  chart.table.columns.push_back("status");
  BarChart bc;
  UnmeasuredRows unmeasured;
  const SkippedCases skipped_all = skipped_cases(in, *this);
  const auto& skipped = skipped_all.shown;
  const auto labelled = with_skipped(in, skipped);
  if (skipped_all.more) chart.notes.push_back(skipped_all.note());
  const E2eLabeller label(labelled);
  std::size_t min_reps = SIZE_MAX, max_reps = 0;
  for (const auto* c : in.cases) {
    const auto encoder = c->param("encoder");
    if (c->failed) {
      bc.failed.push_back({label(*c), encoder, failed_text(*c)});
      chart.notes.push_back(failed_note(*c));
      unmeasured.add({c->param("strategy"), encoder, workers_text(*c)}, c->failure_text());
      continue;
    }
    const auto t = c->times_s();
    if (t.empty()) continue;
    min_reps = std::min(min_reps, t.size());
    max_reps = std::max(max_reps, t.size());
    bc.bars.push_back(time_bar(*c, label(*c)));
    add_row(chart, *c, bc.bars.back(), intervals);
    for (auto& note : flag_notes(*c)) chart.notes.push_back(std::move(note));
  }
  for (const auto& s : skipped) {
    bc.skipped.push_back({label(s), s.param("encoder"), skipped_text(s)});
    unmeasured.add({s.param("strategy"), s.param("encoder"), workers_text(s)}, skipped_text(s));
  }
  unmeasured.append_to(chart.table);
  bc.title = chart.title;
  const auto reps = min_reps == max_reps ? std::to_string(max_reps) : fmt::format("{} to {}", min_reps, max_reps);
  const auto spread = max_reps == 1 ? std::string("one repetition: no spread") : "error bars: " + error_bar_text(in.cases, "min to max");
  bc.subtitle = {fmt::format("median wall time of {} repetition{}; {}; shorter is faster", reps, max_reps == 1 ? "" : "s", spread)};
  bc.x_title = "time (s)";
  bc.group_title = "encoder";
  bc.group_order = distinct(labelled, "encoder");
  bc.colour_domain = distinct(report_cases(*in.hosts, in.kind), "encoder");
  bc.label_order = order_labels(bc, true);
  chart.spec = bar_chart_spec(bc);
  return chart;
}

}  // namespace

const ChartKind& time_chart() { static const TimeChart kind; return kind; }

}  // namespace framebench::reports::charts
