// Kernel throughput per implementation, kernel and frame size, against measured bandwidth.
#include <fmt/format.h>

#include <algorithm>

#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"

namespace framebench::reports::charts {

namespace {

// Bytes per second where the cases have it (comparable with memory bandwidth), else pixels.
bool in_bytes(const std::vector<const CaseResult*>& cases) {
  return std::any_of(cases.begin(), cases.end(), [](const CaseResult* c) { return !c->counter_values("bytes_per_second").empty(); });
}
std::string counter_of(bool bytes) { return bytes ? "bytes_per_second" : "pixels_per_second"; }
double scale_of(bool bytes) { return bytes ? 1e-9 : 1e-6; }

// Dashed lines at the memory bandwidth the host's first file with a measurement recorded.
void add_roofline(BarChart& bc, const HostData& host) {
  const double scale = scale_of(true);
  for (const auto* f : host.files) {
    const auto all = f->context_number("mem_bandwidth_all_cores_bytes_per_s");
    const auto one = f->context_number("mem_bandwidth_single_core_bytes_per_s");
    if (!all && !one) continue;
    if (all) bc.rules.push_back({*all * scale, "all cores"});
    if (one) bc.rules.push_back({*one * scale, "one core"});
    std::string line = "dashed lines: measured memory bandwidth (the roofline)";
    for (std::size_t i = 0; i < bc.rules.size(); ++i) line += fmt::format("{} {} {:.3g} GB/s", i ? "," : ":", bc.rules[i].label, bc.rules[i].x);
    bc.subtitle.push_back(line);
    return;
  }
}

class ThroughputChart final : public ChartKind {
 public:
  std::string_view name() const override { return "throughput"; }
  Scope scope() const override { return Scope::kernel_frame_size; }
  bool applies_to(const ChartCases& in) const override {
    const auto counter = counter_of(in_bytes(in.cases));
    return std::any_of(in.cases.begin(), in.cases.end(), [&](const CaseResult* c) { return !c->counter_values(counter).empty(); });
  }
  Chart build(const ChartCases& in) const override;
};

Chart ThroughputChart::build(const ChartCases& in) const {
  const auto size = in.shared("size");
  const bool native = in.shared("pixel_format") == "native";  // cases are split by it (job_of)
  const bool bytes = in_bytes(in.cases);
  Chart chart;
  chart.id = slug(fmt::format("{}-{}{}{}", name(), size, native ? "-native" : "", in.id_suffix));
  chart.title = fmt::format("Kernel throughput: {} {}{}", size, native ? "yuv420p planes (native path)" : "frames", in.title_suffix);
  chart.table.columns = {"kernel", "implementation", bytes ? "median GB/s" : "median Mpixel/s", "min", "max", "threads",
                         "fraction of bandwidth"};
  BarChart bc;
  for (const auto* c : in.cases) {
    if (c->failed) {
      bc.failed.push_back({c->param("kernel"), c->param("impl"), failed_text(*c)});
      chart.notes.push_back(failed_note(*c));
      continue;
    }
    auto v = c->counter_values(counter_of(bytes));
    if (v.empty()) continue;
    for (auto& x : v) x *= scale_of(bytes);
    bc.bars.push_back(median_bar(c->param("kernel"), c->param("impl"), v));
    const auto threads = c->counter_values("threads");
    const auto fraction = c->counter_values("bandwidth_fraction");
    chart.table.rows.push_back({c->param("kernel"), c->param("impl"), num(harness::median(v)), num(min_of(v)), num(max_of(v)),
                                threads.empty() ? "" : num(harness::median(threads)), fraction.empty() ? "" : num(harness::median(fraction))});
  }
  bc.title = chart.title;
  bc.subtitle = {"median over repetitions; error bars: min to max; longer is faster"};
  if (bytes) add_roofline(bc, *in.host);
  bc.x_title = bytes ? "throughput (GB/s)" : "throughput (Mpixel/s)";
  bc.group_title = "implementation";
  bc.group_order = distinct(in.cases, "impl");
  bc.label_order = distinct(in.cases, "kernel");
  chart.spec = bar_chart_spec(bc);
  return chart;
}

}  // namespace

const ChartKind& throughput_chart() { static const ThroughputChart kind; return kind; }

}  // namespace framebench::reports::charts
