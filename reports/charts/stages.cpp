// Busy seconds per stage from each case's median repetition, stacked; ticks at wall time.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/stages.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"

namespace framebench::reports::charts {

namespace {

using nlohmann::json;

// The order a frame meets the stages in (kAllStages lists the CPU ones first).
constexpr std::array<Stage, 8> kPipelineOrder = {Stage::decode,   Stage::upload,   Stage::filter, Stage::kernel,
                                                 Stage::download, Stage::transfer, Stage::encode, Stage::merge};
static_assert(kPipelineOrder.size() == kAllStages.size());

std::string counter_of(Stage s) { return std::string(stage_name(s)) + "_s"; }

std::vector<std::string> names_of(const std::vector<std::string>& counters) {  // without their "_s"
  std::vector<std::string> out;
  for (const auto& s : counters) out.push_back(s.substr(0, s.size() - 2));
  return out;
}

// Stage counters some case spent time in, in pipeline order. Only the stages themselves: other
// seconds counters (mpi-segments' per-rank rank0_decode_s, ...) split a stage's time again and
// would stack it twice (found 6 December 2026 by a review: mpi-segments' bar came to 7.8 s of
// busy time beside multiprocess-segments' 3.7 s at the same wall time).
std::vector<std::string> stages_present(const std::vector<const CaseResult*>& cases) {
  std::set<std::string> present;
  for (const auto* c : cases)
    if (const auto* r = c->median_repetition())
      for (const auto& [name, value] : r->counters)
        if (value > 0) present.insert(name);
  std::vector<std::string> out;
  for (const Stage s : kPipelineOrder)
    if (present.contains(counter_of(s))) out.push_back(counter_of(s));
  return out;
}

// A case that claims no stage time runs as one external process (the ffmpeg CLI peers): its bar
// is empty and its table row all zeros unless the chart says why. Strategies that time their
// stages always book some time to one.
constexpr const char* kUnsplitText = "one external process: stages cannot be split";
constexpr const char* kUnsplitNote =
    "runs as one external process (the ffmpeg CLI), so its decode, filter and encode cannot be timed apart; "
    "only its wall time (the tick) is known";

bool has_stage_time(const Repetition& r, const std::vector<std::string>& stages) {
  return std::any_of(stages.begin(), stages.end(), [&](const auto& s) {
    const auto it = r.counters.find(s);
    return it != r.counters.end() && it->second > 0;
  });
}

// The chart's data: a segment per non-zero stage of each case, its wall time, the failed cases,
// the cases whose stages cannot be split, and the rows fastest first (failed ones last).
struct StageBars {
  json parts = json::array(), walls = json::array(), failed = json::array(), unsplit = json::array(), label_order = json::array();
};

StageBars stage_bars(const std::vector<const CaseResult*>& cases, const std::vector<std::string>& stages,
                     const std::vector<std::string>& stage_names, Chart& chart) {
  const E2eLabeller label(cases);
  StageBars out;
  std::vector<std::pair<std::string, double>> order;  // label, wall
  UnmeasuredRows failed_rows;
  for (const auto* c : cases) {
    const auto l = row_label(label(*c, true));
    if (c->failed) {
      out.failed.push_back({{"label", l}, {"text", failed_text(*c)}});
      chart.notes.push_back(failed_note(*c));
      failed_rows.add({l}, c->failure_text());
      continue;
    }
    const auto* r = c->median_repetition();
    if (!r) continue;
    std::vector<std::string> row = {l};
    const bool split = has_stage_time(*r, stages);
    if (!split) {
      out.unsplit.push_back({{"label", l}, {"text", kUnsplitText}});
      chart.notes.push_back(fmt::format("{}: {}", l, kUnsplitNote));
    }
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const auto it = r->counters.find(stages[i]);
      const double v = it == r->counters.end() ? 0 : it->second;
      row.push_back(split ? num(v) : "n/a");
      if (v > 0) out.parts.push_back({{"label", l}, {"stage", stage_names[i]}, {"order", i}, {"seconds", v}});
    }
    row.push_back(num(r->real_time_s));
    chart.table.rows.push_back(row);
    out.walls.push_back({{"label", l}, {"wall", r->real_time_s}});
    order.emplace_back(l, r->real_time_s);
  }
  failed_rows.append_to(chart.table);
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& [l, w] : order) out.label_order.push_back(l);
  for (const auto& f : out.failed) out.label_order.push_back(f["label"]);
  return out;
}

json stages_spec(const std::string& title, const StageBars& in, const json& stage_colour, bool even_repetitions) {
  std::vector<std::string> subtitle = {"busy seconds per stage in the median repetition, summed over workers (so they can exceed",
                                       "the wall time when stages overlap); black ticks: wall time of that repetition"};
  // One repetition's stages cannot be averaged with another's: the time chart's median of an even
  // count is the mean of the two middle ones, this chart's the faster of them.
  if (even_repetitions)
    subtitle.push_back("of an even number of repetitions, the faster middle one (the time chart shows the mean of the two middle ones)");
  json spec = base_spec(title, subtitle);
  spec["height"] = {{"step", 22}};
  const json y = {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", in.label_order}};
  json layers = json::array();
  layers.push_back({{"data", {{"values", in.parts}}},
                    {"mark", {{"type", "bar"}}},
                    {"encoding",
                     {{"y", y},
                      {"x", {{"field", "seconds"}, {"type", "quantitative"}, {"stack", "zero"}, {"title", "busy time (s)"}}},
                      {"color", stage_colour},
                      {"order", {{"field", "order"}, {"type", "quantitative"}}}}}});
  layers.push_back({{"data", {{"values", in.walls}}},
                    {"mark", {{"type", "tick"}, {"color", "black"}, {"thickness", 2}}},
                    {"encoding", {{"y", y}, {"x", {{"field", "wall"}, {"type", "quantitative"}, {"title", "busy time (s)"}}}}}});
  const auto text_layer = [&](const json& values, const char* colour) {
    layers.push_back({{"data", {{"values", values}}},
                      {"mark", {{"type", "text"}, {"align", "left"}, {"dx", 3}, {"color", colour}}},
                      {"encoding", {{"y", y}, {"x", {{"datum", 0}, {"type", "quantitative"}}}, {"text", {{"field", "text"}}}}}});
  };
  if (!in.failed.empty()) text_layer(in.failed, failed_colour);
  if (!in.unsplit.empty()) text_layer(in.unsplit, "#555");
  spec["layer"] = layers;
  return spec;
}

class StagesChart final : public ChartKind {
 public:
  std::string_view name() const override { return "stages"; }
  Scope scope() const override { return Scope::e2e_job; }
  bool applies_to(const ChartCases& in) const override { return !stages_present(in.cases).empty(); }
  Chart build(const ChartCases& in) const override;
};

Chart StagesChart::build(const ChartCases& in) const {
  const auto dataset = in.shared("dataset"), kernel = in.shared("kernel");
  const auto stages = stages_present(in.cases);
  const auto stage_names = names_of(stages);
  Chart chart;
  chart.id = slug(fmt::format("{}-{}-{}{}", name(), dataset, kernel, in.id_suffix));
  chart.title = fmt::format("Stage breakdown: {}, {}{}", dataset, kernel, in.title_suffix);
  chart.table.columns = {"case"};
  for (const auto& s : stage_names) chart.table.columns.push_back(s + " (s)");
  chart.table.columns.push_back("wall (s)");
  const bool even = std::any_of(in.cases.begin(), in.cases.end(), [](const CaseResult* c) {
    const auto n = c->repetitions.size();
    return !c->failed && n > 0 && n % 2 == 0;
  });
  // Every stage of the report's charts, in pipeline order.
  const auto colours = names_of(stages_present(report_cases(*in.hosts, in.kind)));
  json colour = {{"field", "stage"}, {"type", "nominal"}, {"title", "stage"}, {"sort", colours}};
  fix_colours(colour, colours, stage_names);
  chart.spec = stages_spec(chart.title, stage_bars(in.cases, stages, stage_names, chart), colour, even);
  return chart;
}

}  // namespace

const ChartKind& stages_chart() { static const StagesChart kind; return kind; }

}  // namespace framebench::reports::charts
