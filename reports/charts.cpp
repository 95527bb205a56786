#include "reports/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "reports/charts/chart_kind.hpp"
#include "reports/machines.hpp"

namespace framebench::reports {

namespace {

std::vector<HostData> group_hosts(const std::vector<ResultFile>& files) {
  const auto names = machine_names(files);
  std::vector<HostData> hosts;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    const auto& name = names[i];
    auto it = std::find_if(hosts.begin(), hosts.end(), [&](const auto& h) { return h.host == name; });
    if (it == hosts.end()) it = hosts.insert(hosts.end(), {name, {}, {}});
    it->files.push_back(&f);
    for (const auto& c : f.cases) {
      auto same = std::find_if(it->cases.begin(), it->cases.end(), [&](const CaseResult* e) { return e->name == c.name; });
      if (same != it->cases.end())
        *same = &c;
      else
        it->cases.push_back(&c);
    }
  }
  return hosts;
}

// Cases grouped by a key, groups in order of first appearance.
template <class Key>
std::vector<std::vector<const CaseResult*>> group_by(const std::vector<const CaseResult*>& cases, Key key) {
  std::vector<std::pair<std::string, std::vector<const CaseResult*>>> groups;
  for (const auto* c : cases) {
    const auto k = key(*c);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == k; });
    if (it == groups.end()) it = groups.insert(groups.end(), {k, {}});
    it->second.push_back(c);
  }
  std::vector<std::vector<const CaseResult*>> out;
  for (auto& [k, group] : groups) out.push_back(std::move(group));
  return out;
}

std::vector<const CaseResult*> of_kind(CaseKind kind, const std::vector<const CaseResult*>& cases) {
  std::vector<const CaseResult*> out;
  std::copy_if(cases.begin(), cases.end(), std::back_inserter(out), [&](const CaseResult* c) { return c->kind == kind; });
  return out;
}

class ChartList {
 public:
  // The charts of every kind of `scope` that `cases` (split as each kind splits them) support.
  void add_scope(Scope scope, const ChartCases& cases) {
    for (const auto* kind : chart_kinds()) {
      if (kind->scope() != scope) continue;
      for (auto& part : group_by(cases.cases, [&](const CaseResult& c) { return kind->split(c); })) {
        ChartCases in = cases;
        in.cases = std::move(part);
        if (kind->applies_to(in)) add(*kind, kind->build(in));
      }
    }
  }
  std::vector<Chart> take() { return std::move(charts_); }

 private:
  void add(const ChartKind& kind, Chart chart) {
    std::string id = chart.id;  // "-2", "-3" ... after an id already taken
    for (int n = 2; std::any_of(charts_.begin(), charts_.end(), [&](const Chart& c) { return c.id == id; }); ++n)
      id = fmt::format("{}-{}", chart.id, n);
    chart.id = id;
    chart.kind = &kind;
    charts_.push_back(std::move(chart));
  }
  std::vector<Chart> charts_;
};

}  // namespace

std::vector<Chart> build_charts(const std::vector<ResultFile>& files) {
  const auto hosts = group_hosts(files);
  ChartList charts;
  for (const auto& host : hosts) {
    ChartCases in;
    in.host = &host;
    in.hosts = &hosts;
    if (hosts.size() > 1) {
      in.title_suffix = " on " + host.host;
      in.id_suffix = "-" + host.host;
    }
    for (const auto& [kind, scope] : {std::pair{CaseKind::e2e, Scope::e2e_job}, std::pair{CaseKind::kernel, Scope::kernel_frame_size}}) {
      in.kind = kind;
      for (auto& job : group_by(of_kind(kind, host.cases), job_of)) {
        in.cases = std::move(job);
        charts.add_scope(scope, in);
      }
    }
  }
  if (hosts.size() > 1) {
    for (const CaseKind kind : {CaseKind::e2e, CaseKind::kernel}) {
      ChartCases in;
      in.kind = kind;
      in.hosts = &hosts;
      for (const auto& host : hosts)
        for (const auto* c : of_kind(kind, host.cases)) in.cases.push_back(c);
      if (!in.cases.empty()) charts.add_scope(Scope::across_hosts, in);
    }
  }
  return charts.take();
}

// Found 5 December 2026 by a review of first use: a run and its resumed copy given together drew
// one case's bar from one file and its baseline's from the other, without a word.
std::vector<std::string> cases_drawn_from_a_later_file(const std::vector<ResultFile>& files) {
  const auto names = machine_names(files);
  std::map<std::pair<std::string, std::string>, const ResultFile*> drawn;  // (host, case) -> the file drawn
  std::vector<std::string> out;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& f = files[i];
    for (const auto& c : f.cases) {
      auto [at, first] = drawn.try_emplace({names[i], c.name}, &f);
      if (!first && at->second != &f) {
        out.push_back(fmt::format("{} (host {}): drawn from {}, not {}", c.name, names[i], f.path.string(), at->second->path.string()));
        at->second = &f;
      }
    }
  }
  return out;
}

}  // namespace framebench::reports
