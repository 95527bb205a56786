// Time against kernel size per implementation; where FFT overtakes the best direct one.
#include "reports/charts/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/number_text.hpp"
#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"

namespace framebench::reports::charts {

namespace {

using nlohmann::json;

bool is_fft(const std::string& impl) { return impl.find("fft") != std::string::npos; }

// Median time per frame of each implementation at each kernel size, with the chart's points,
// table rows and failure notes.
struct SweepData {
  std::map<std::string, std::map<int, double>> times;  // impl -> kernel size -> ms
  std::vector<std::string> impls;                       // first-appearance order
  std::set<int> sizes;
  json points = json::array();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> notes;
};

SweepData sweep_data(const std::vector<const CaseResult*>& cases) {
  SweepData d;
  for (const auto* c : cases) {
    const auto k = kernel_size(c->param("kernel"));
    if (!k) continue;
    if (c->failed) {
      d.notes.push_back(failed_note(*c));
      continue;
    }
    const auto t = c->times_s();
    if (t.empty()) continue;
    const double ms = harness::median(t) * 1e3;
    const auto impl = c->param("impl");
    if (std::find(d.impls.begin(), d.impls.end(), impl) == d.impls.end()) d.impls.push_back(impl);
    d.times[impl][*k] = ms;
    d.sizes.insert(*k);
    d.points.push_back({{"impl", impl}, {"k", *k}, {"ms", ms}});
    d.rows.push_back({impl, c->param("kernel"), std::to_string(*k), num(ms)});
  }
  return d;
}

// The fastest direct (not FFT) time at each size. OpenCV's filter2D switches to a DFT itself for
// large kernels, so it counts as direct only when no other direct implementation was measured.
std::map<int, double> best_direct(const SweepData& d) {
  const bool other_direct = std::any_of(d.impls.begin(), d.impls.end(), [](const auto& i) { return !is_fft(i) && !i.starts_with("opencv"); });
  std::map<int, double> best;
  for (const auto& impl : d.impls) {
    if (is_fft(impl) || (other_direct && impl.starts_with("opencv"))) continue;
    for (const auto& [k, ms] : d.times.at(impl))
      if (!best.contains(k) || ms < best[k]) best[k] = ms;
  }
  return best;
}

// `impls`: every implementation of the report's kernel cases, so that one has one colour in all its charts.
json sweep_layers(const SweepData& d, const json& crossovers, const std::vector<std::string>& impls) {
  json colour = {{"field", "impl"}, {"type", "nominal"}, {"title", "implementation"}, {"sort", d.impls}};
  fix_colours(colour, impls, d.impls);
  const json x = {{"field", "k"}, {"type", "quantitative"}, {"title", "kernel size K (K x K taps)"},
                  {"axis", {{"values", d.sizes}, {"format", "d"}}}};
  json layers = json::array();
  layers.push_back({{"data", {{"values", d.points}}},
                    {"mark", {{"type", "line"}, {"point", true}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "ms"}, {"type", "quantitative"}, {"title", "time per frame (ms)"}, {"scale", {{"type", "log"}}}}},
                      {"color", colour}}}});
  if (!crossovers.empty()) {
    layers.push_back({{"data", {{"values", crossovers}}},
                      {"mark", {{"type", "rule"}, {"color", "#555"}, {"strokeDash", {6, 4}}}},
                      {"encoding", {{"x", x}}}});
    layers.push_back({{"data", {{"values", crossovers}}},
                      {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "top"}, {"dx", 4}, {"y", 4}}},
                      {"encoding", {{"x", x}, {"text", {{"field", "text"}}}}}});
  }
  return layers;
}

class SweepChart final : public ChartKind {
 public:
  std::string_view name() const override { return "sweep"; }
  Scope scope() const override { return Scope::kernel_frame_size; }
  std::string split(const CaseResult& c) const override { return kernel_family(c.param("kernel")); }
  // Only with two sizes or more, and both FFT and direct implementations.
  bool applies_to(const ChartCases& in) const override {
    const auto d = sweep_data(in.cases);
    return d.sizes.size() >= 2 && std::any_of(d.impls.begin(), d.impls.end(), is_fft) &&
           std::any_of(d.impls.begin(), d.impls.end(), [](const auto& i) { return !is_fft(i); });
  }
  Chart build(const ChartCases& in) const override;
};

Chart SweepChart::build(const ChartCases& in) const {
  const auto size = in.shared("size"), family = split(*in.cases.front());
  const auto d = sweep_data(in.cases);
  const auto direct = best_direct(d);
  Chart chart;
  chart.id = slug(fmt::format("{}-{}-{}{}", name(), size, family, in.id_suffix));
  chart.title = fmt::format("Kernel size sweep: {} kernels on {} frames{}", family, size, in.title_suffix);
  chart.table.columns = {"implementation", "kernel", "K", "median time per frame (ms)"};
  chart.table.rows = d.rows;
  chart.notes = d.notes;
  std::vector<std::string> subtitle = {"median time per frame over repetitions (log scale); lower is faster"};
  json crossovers = json::array();
  for (const auto& impl : d.impls) {
    if (!is_fft(impl)) continue;
    if (const auto k = fft_crossover(d.times.at(impl), direct)) {
      crossovers.push_back({{"k", *k}, {"text", fmt::format("{} faster from {}x{}", impl, *k, *k)}});
      subtitle.push_back(fmt::format("dashed line: {} is faster than the best direct implementation from {}x{} on", impl, *k, *k));
      chart.notes.push_back(fmt::format("{} is faster than the best direct implementation from kernel size {}x{} on", impl, *k, *k));
    } else {
      subtitle.push_back(fmt::format("{} does not stay faster than the best direct implementation in this range", impl));
      chart.notes.push_back(subtitle.back());
    }
  }
  chart.spec = base_spec(chart.title, subtitle);
  chart.spec["height"] = 320;
  chart.spec["layer"] = sweep_layers(d, crossovers, distinct(report_cases(*in.hosts, in.kind), "impl"));
  return chart;
}

}  // namespace

std::optional<int> kernel_size(const std::string& kernel) {
  std::string digits;
  if (const auto colon = kernel.find(':'); colon != std::string::npos) {
    for (std::size_t i = colon + 1; i < kernel.size() && std::isdigit(static_cast<unsigned char>(kernel[i])); ++i) digits += kernel[i];
    if (colon + 1 + digits.size() < kernel.size() && kernel[colon + 1 + digits.size()] != ':') return std::nullopt;
  } else {
    std::size_t i = kernel.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(kernel[i - 1]))) --i;
    digits = kernel.substr(i);
  }
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  return whole_number<int>(digits);
}

std::string kernel_family(const std::string& kernel) {
  if (const auto colon = kernel.find(':'); colon != std::string::npos) {
    // gaussian:K:SIGMA: one family per sigma, else two sigmas of one size were one point, the
    // last drawn (found 6 December 2026 by a sweep of the kernels command: a zig-zag line).
    if (const auto second = kernel.find(':', colon + 1); second != std::string::npos)
      return kernel.substr(0, colon) + ":K" + kernel.substr(second);
    return kernel.substr(0, colon);
  }
  std::size_t i = kernel.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(kernel[i - 1]))) --i;
  return kernel.substr(0, i);
}

std::optional<int> fft_crossover(const std::map<int, double>& fft_time, const std::map<int, double>& direct_time) {
  std::optional<int> from;
  for (auto it = fft_time.rbegin(); it != fft_time.rend(); ++it) {
    const auto d = direct_time.find(it->first);
    if (d == direct_time.end()) continue;
    if (it->second >= d->second) break;
    from = it->first;
  }
  return from;
}

const ChartKind& sweep_chart() { static const SweepChart kind; return kind; }

}  // namespace framebench::reports::charts
