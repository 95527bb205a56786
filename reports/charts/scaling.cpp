// Frames per second against workers, one line per strategy: only when some strategy ran with
// several worker counts (a scaling run).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"

namespace framebench::reports::charts {

namespace {

using nlohmann::json;

std::vector<double> fps_values(const CaseResult& c) {
  if (auto fps = c.counter_values("fps"); !fps.empty()) return fps;
  const auto frames = c.counter_values("frames");
  const auto times = c.times_s();
  std::vector<double> out;
  for (std::size_t i = 0; i < std::min(frames.size(), times.size()); ++i)
    if (times[i] > 0) out.push_back(frames[i] / times[i]);
  return out;
}

// Strategy -> the worker counts it was measured with.
std::map<std::string, std::set<int>> worker_counts(const std::vector<const CaseResult*>& cases) {
  std::map<std::string, std::set<int>> workers;
  for (const auto* c : cases)
    if (!fps_values(*c).empty()) workers[c->param("strategy")].insert(workers_of(*c));
  return workers;
}

json scaling_spec(const std::string& title, const json& points, const std::set<int>& ticks, const json& color) {
  json spec = base_spec(title, {"median over repetitions; error bars: min to max; higher is faster"});
  spec["height"] = 320;
  spec["data"] = {{"values", points}};
  const json x = {{"field", "workers"}, {"type", "quantitative"}, {"title", "workers (CPU cores)"},
                  {"axis", {{"values", ticks}, {"format", "d"}}}};
  spec["layer"] = json::array(
      {{{"mark", {{"type", "line"}, {"point", true}}},
        {"encoding", {{"x", x}, {"y", {{"field", "fps"}, {"type", "quantitative"}, {"title", "frames per second"}}}, {"color", color}}}},
       {{"mark", {{"type", "rule"}}},
        {"encoding",
         {{"x", x}, {"y", {{"field", "lo"}, {"type", "quantitative"}, {"title", "frames per second"}}}, {"y2", {{"field", "hi"}}}, {"color", color}}}}});
  return spec;
}

class ScalingChart final : public ChartKind {
 public:
  std::string_view name() const override { return "scaling"; }
  Scope scope() const override { return Scope::e2e_job; }
  std::string split(const CaseResult& c) const override { return c.param("encoder"); }
  bool applies_to(const ChartCases& in) const override {
    const auto workers = worker_counts(in.cases);
    return std::any_of(workers.begin(), workers.end(), [](const auto& w) { return w.second.size() > 1; });
  }
  Chart build(const ChartCases& in) const override;
};

Chart ScalingChart::build(const ChartCases& in) const {
  const auto dataset = in.shared("dataset"), kernel = in.shared("kernel"), encoder = in.shared("encoder");
  Chart chart;
  chart.id = slug(fmt::format("{}-{}-{}-{}{}", name(), dataset, kernel, encoder, in.id_suffix));
  chart.title = fmt::format("Frames per second against workers: {}, {}, {}{}", dataset, kernel, encoder, in.title_suffix);
  chart.table.columns = {"strategy", "workers", "median fps", "min fps", "max fps"};
  json points = json::array();
  UnmeasuredRows unmeasured;
  for (const auto* c : in.cases) {
    if (c->failed) {
      chart.notes.push_back(failed_note(*c));
      unmeasured.add({c->param("strategy"), std::to_string(workers_of(*c))}, c->failure_text());
      continue;
    }
    const auto fps = fps_values(*c);
    if (fps.empty()) continue;
    const int w = workers_of(*c);
    points.push_back({{"strategy", c->param("strategy")}, {"workers", w}, {"fps", harness::median(fps)}, {"lo", min_of(fps)}, {"hi", max_of(fps)}});
    chart.table.rows.push_back({c->param("strategy"), std::to_string(w), num(harness::median(fps)), num(min_of(fps)), num(max_of(fps))});
  }
  unmeasured.append_to(chart.table);
  std::set<int> ticks;
  std::vector<std::string> drawn;
  for (const auto& [strategy, counts] : worker_counts(in.cases)) {
    ticks.insert(counts.begin(), counts.end());
    drawn.push_back(strategy);
  }
  json color = {{"field", "strategy"}, {"type", "nominal"}, {"title", "strategy"}};
  fix_colours(color, distinct(report_cases(*in.hosts, in.kind), "strategy"), drawn);
  chart.spec = scaling_spec(chart.title, points, ticks, color);
  return chart;
}

}  // namespace

const ChartKind& scaling_chart() { static const ScalingChart kind; return kind; }

}  // namespace framebench::reports::charts
