// The same cases on several machines, one colour per host.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"

namespace framebench::reports::charts {

namespace {

// A case measured on more than one host, with its run on each.
struct SharedCase {
  std::string name;
  std::vector<std::pair<std::string, const CaseResult*>> runs;  // host, case
};

// In order of first appearance.
std::vector<SharedCase> shared_cases(const ChartCases& in) {
  std::vector<SharedCase> all;
  std::map<std::string, std::size_t> index;  // name -> position in all
  for (const auto& h : *in.hosts)
    for (const auto* c : h.cases) {
      if (c->kind != in.kind) continue;
      const auto [it, inserted] = index.emplace(c->name, all.size());
      if (inserted) all.push_back({c->name, {}});
      all[it->second].runs.emplace_back(h.host, c);
    }
  std::erase_if(all, [](const SharedCase& s) { return s.runs.size() < 2; });
  return all;
}

bool any_shared_case_timed(const ChartCases& in) {
  const auto cases = shared_cases(in);
  return std::any_of(cases.begin(), cases.end(), [](const SharedCase& s) {
    return std::any_of(s.runs.begin(), s.runs.end(), [](const auto& run) { return !run.second->times_s().empty(); });
  });
}

// Row labels: the values of the parameters that differ between the charted cases (all the same
// would only make the labels long), and the title naming them.
struct CaseLabels {
  std::vector<std::string> keys;
  std::string title;
  std::string operator()(const CaseResult& c) const {
    std::string out;
    for (const auto& key : keys) {
      if (c.param(key).empty()) continue;
      if (!out.empty()) out += " · ";
      // The configured workers only: what "all" came to differs between machines.
      const auto& w = c.param(key);
      out += key != "workers" ? w : w == "0" ? "all cores" : w == "1" ? "1 worker" : w + " workers";
    }
    return out.empty() ? c.short_name() : out;
  }
};

CaseLabels case_labels(CaseKind kind, const std::vector<SharedCase>& cases) {
  const std::vector<std::string> all = kind == CaseKind::e2e ? std::vector<std::string>{"strategy", "dataset", "kernel", "encoder", "workers"}
                                                             : std::vector<std::string>{"impl", "kernel", "size"};
  CaseLabels labels;
  for (const auto& key : all) {
    std::set<std::string> values;
    for (const auto& s : cases) values.insert(s.runs.front().second->param(key));
    if (values.size() > 1) labels.keys.push_back(key);
  }
  if (labels.keys.empty()) labels.keys.push_back(all.front());
  for (const auto& key : labels.keys) labels.title += (labels.title.empty() ? "" : " · ") + key;
  return labels;
}

class HostsChart final : public ChartKind {
 public:
  std::string_view name() const override { return "hosts"; }
  Scope scope() const override { return Scope::across_hosts; }
  bool applies_to(const ChartCases& in) const override { return any_shared_case_timed(in); }
  Chart build(const ChartCases& in) const override;
};

Chart HostsChart::build(const ChartCases& in) const {
  const bool e2e = in.kind == CaseKind::e2e;
  const double scale = e2e ? 1.0 : 1e3;
  const auto cases = shared_cases(in);
  const auto label = case_labels(in.kind, cases);
  Chart chart;
  chart.id = fmt::format("{}-{}", name(), e2e ? "e2e" : "kernels");
  chart.title = e2e ? "Across machines: end-to-end time" : "Across machines: kernel time per frame";
  chart.table.columns = {"case", "host", e2e ? "median (s)" : "median (ms)", "min", "max", "status"};
  BarChart bc;
  for (const auto& s : cases) {
    for (const auto& [host, c] : s.runs) {
      if (c->failed) {
        bc.failed.push_back({label(*c), host, failed_text(*c)});
        chart.notes.push_back(fmt::format("{} (on {})", failed_note(*c), host));
        chart.table.rows.push_back({c->name, host, "", "", "", c->failure_text()});
        continue;
      }
      auto t = c->times_s();
      if (t.empty()) continue;
      for (auto& x : t) x *= scale;
      bc.bars.push_back(median_bar(label(*c), host, t));
      chart.table.rows.push_back({c->name, host, num(harness::median(t)), num(min_of(t)), num(max_of(t)), "ok"});
    }
    if (const auto row = label(*s.runs.front().second); std::find(bc.label_order.begin(), bc.label_order.end(), row) == bc.label_order.end())
      bc.label_order.push_back(row);
  }
  bc.title = chart.title;
  bc.subtitle = {"cases measured on more than one machine; median over repetitions; error bars: min to max; shorter is faster",
                 "rows: " + label.title};
  bc.x_title = e2e ? "time (s)" : "time per frame (ms)";
  bc.group_title = "host";
  for (const auto& h : *in.hosts) bc.group_order.push_back(h.host);
  bc.colour_domain = bc.group_order;  // a host missing from the bars keeps its colour
  chart.spec = bar_chart_spec(bc);
  return chart;
}

}  // namespace

const ChartKind& hosts_chart() { static const HostsChart kind; return kind; }

}  // namespace framebench::reports::charts
