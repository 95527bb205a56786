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

// What bounds an implementation's bytes per second, as the harness measured its share of it: host
// memory, the device's copy bandwidth (a GPU twin, impl@device) or the bus both ways
// (impl@pipeline:N). Each gets a chart of its own against its own bound: the host's rooflines
// drawn under @device bars 2.5 times past them said nothing of the GPU's.
enum class Bound { host_memory, device_copy, device_transfer };

Bound bound_of(const CaseResult& c) {
  const auto impl = c.param("impl");
  if (impl.find("@device") != std::string::npos) return Bound::device_copy;
  if (impl.find("@pipeline") != std::string::npos) return Bound::device_transfer;
  return Bound::host_memory;
}

void add_rule_line(BarChart& bc, const std::string& what) {
  std::string line = "dashed line" + std::string(bc.rules.size() > 1 ? "s" : "") + ": " + what;
  for (std::size_t i = 0; i < bc.rules.size(); ++i) line += fmt::format("{} {} {:.3g} GB/s", i ? "," : ":", bc.rules[i].label, bc.rules[i].x);
  bc.subtitle.push_back(line);
}

// Dashed lines at the memory bandwidth the host's first file with a measurement recorded.
void add_host_roofline(BarChart& bc, const HostData& host) {
  const double scale = scale_of(true);
  for (const auto* f : host.files) {
    const auto all = f->context_number("mem_bandwidth_all_cores_bytes_per_s");
    const auto one = f->context_number("mem_bandwidth_single_core_bytes_per_s");
    if (!all && !one) continue;
    if (all) bc.rules.push_back({*all * scale, "all cores"});
    if (one) bc.rules.push_back({*one * scale, "one core"});
    add_rule_line(bc, "measured memory bandwidth (the roofline)");
    return;
  }
}

// A dashed line at the device-to-device copy bandwidth the host's first file with one recorded.
void add_device_roofline(BarChart& bc, const HostData& host) {
  for (const auto* f : host.files)
    if (const auto d2d = f->context_number("gpu_d2d_bandwidth_bytes_per_s")) {
      bc.rules.push_back({*d2d * scale_of(true), "device copy"});
      add_rule_line(bc, "the device's measured copy bandwidth (the roofline)");
      return;
    }
}

// A dashed line at the transfer bound the cases were measured against: bytes per second over
// their share of it (the harness's bound, which takes the bus both ways at once where slower).
void add_transfer_bound(BarChart& bc, const std::vector<const CaseResult*>& cases) {
  std::vector<double> bounds;
  for (const auto* c : cases) {
    const auto bytes = c->counter_values("bytes_per_second"), fraction = c->counter_values("bandwidth_fraction");
    if (!bytes.empty() && !fraction.empty() && harness::median(fraction) > 0)
      bounds.push_back(harness::median(bytes) / harness::median(fraction));
  }
  if (bounds.empty()) return;
  bc.rules.push_back({harness::median(bounds) * scale_of(true), "transfer bound"});
  add_rule_line(bc, "each frame up and down the bus, at the measured host-device bandwidth");
}

std::string bound_suffix(Bound bound) {
  return bound == Bound::device_copy ? "-device" : bound == Bound::device_transfer ? "-pipeline" : "";
}

std::string bound_title(Bound bound) {
  return bound == Bound::device_copy       ? ", kernel alone on the GPU (@device)"
         : bound == Bound::device_transfer ? ", through the GPU and back (@pipeline)"
                                           : "";
}

class ThroughputChart final : public ChartKind {
 public:
  std::string_view name() const override { return "throughput"; }
  Scope scope() const override { return Scope::kernel_frame_size; }
  std::string split(const CaseResult& c) const override { return bound_suffix(bound_of(c)); }
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
  const Bound bound = bound_of(*in.cases.front());  // cases are split by it
  Chart chart;
  chart.id = slug(fmt::format("{}-{}{}{}{}", name(), size, native ? "-native" : "", bound_suffix(bound), in.id_suffix));
  chart.title = fmt::format("Kernel throughput: {} {}{}{}", size, native ? "yuv420p planes (native path)" : "frames", bound_title(bound),
                            in.title_suffix);
  chart.table.columns = {"kernel", "implementation", bytes ? "median GB/s" : "median Mpixel/s", "min", "max", "threads",
                         "fraction of bandwidth"};
  BarChart bc;
  const SkippedCases skipped_all = skipped_cases(in, *this);
  const auto& skipped = skipped_all.shown;
  const auto labelled = with_skipped(in, skipped);
  if (skipped_all.more) chart.notes.push_back(skipped_all.note());
  UnmeasuredRows unmeasured;
  for (const auto* c : in.cases) {
    if (c->failed) {
      bc.failed.push_back({c->param("kernel"), c->param("impl"), failed_text(*c)});
      chart.notes.push_back(failed_note(*c));
      unmeasured.add({c->param("kernel"), c->param("impl")}, c->failure_text());
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
  for (const auto& s : skipped) {
    bc.skipped.push_back({s.param("kernel"), s.param("impl"), skipped_text(s)});
    unmeasured.add({s.param("kernel"), s.param("impl")}, skipped_text(s));
  }
  unmeasured.append_to(chart.table);
  bc.title = chart.title;
  bc.subtitle = {"median over repetitions; error bars: min to max; longer is faster"};
  if (bytes && bound == Bound::host_memory) add_host_roofline(bc, *in.host);
  if (bytes && bound == Bound::device_copy) add_device_roofline(bc, *in.host);
  if (bytes && bound == Bound::device_transfer) add_transfer_bound(bc, in.cases);
  bc.x_title = bytes ? "throughput (GB/s)" : "throughput (Mpixel/s)";
  bc.group_title = "implementation";
  bc.group_order = distinct(labelled, "impl");
  bc.colour_domain = distinct(report_cases(*in.hosts, in.kind), "impl");
  bc.label_order = distinct(labelled, "kernel");
  chart.spec = bar_chart_spec(bc);
  return chart;
}

}  // namespace

const ChartKind& throughput_chart() { static const ThroughputChart kind; return kind; }

}  // namespace framebench::reports::charts
