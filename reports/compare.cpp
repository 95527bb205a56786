#include "reports/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/error.hpp"

namespace framebench::reports {

namespace {

// Ranks 1..n with ties given their average rank; also the sizes of the tie groups.
std::vector<double> average_ranks(const std::vector<double>& values, std::vector<std::size_t>& tie_sizes) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    tie_sizes.push_back(j - i + 1);
    i = j + 1;
  }
  return ranks;
}

// P(U >= u) under the null hypothesis for samples of m and n values without ties. Counts the
// arrangements with the recurrence N(m, n, k) = N(m-1, n, k-n) + N(m, n-1, k): the largest value
// comes from the first sample (beating all n of the second) or from the second.
double exact_survival(std::size_t m, std::size_t n, double u) {
  const std::size_t top = m * n;
  std::vector<std::vector<double>> count(m + 1, std::vector<double>(top + 1, 0.0));
  for (auto& row : count) row[0] = 1;  // n = 0: only U = 0
  for (std::size_t j = 1; j <= n; ++j)
    for (std::size_t i = 1; i <= m; ++i)  // ascending i: count[i-1] already holds N(i-1, j, .)
      for (std::size_t k = top + 1; k-- > j;) count[i][k] += count[i - 1][k - j];
  const auto& dist = count[m];
  const double total = std::accumulate(dist.begin(), dist.end(), 0.0);
  double tail = 0;
  for (std::size_t k = 0; k <= top; ++k)
    if (static_cast<double>(k) >= u) tail += dist[k];
  return tail / total;
}

bool lower_is_better(const std::string& metric) {
  return metric == "time" || metric == "cpu_time" || metric.ends_with("_s") || metric.ends_with("_bytes");
}
bool is_speed(const std::string& metric) {
  return metric == "time" || metric == "cpu_time" || metric == "fps" || metric.ends_with("_per_second");
}
bool higher_is_better(const std::string& metric) {
  return metric == "fps" || metric.ends_with("_per_second") || metric == "bandwidth_fraction" || metric == "psnr_db";
}

std::string metric_title(const std::string& metric) {
  if (metric == "time") return "time (s), lower is better";
  if (metric == "cpu_time") return "CPU time (s), lower is better";
  if (metric == "fps") return "frames per second, higher is better";
  if (metric.ends_with("_s")) return fmt::format("{} (s), lower is better", metric);
  if (metric.ends_with("_bytes")) return fmt::format("{} (bytes), lower is better", metric);
  if (higher_is_better(metric)) return fmt::format("{}, higher is better", metric);
  return metric;
}

std::string verdict_text(const MetricComparison& m) {
  if (m.verdict != Verdict::significant) return to_string(m.verdict);
  const bool b_higher = m.b_median > m.a_median;
  if (is_speed(m.metric)) return fmt::format("significant: B {}", b_higher == lower_is_better(m.metric) ? "slower" : "faster");
  return fmt::format("significant: B {}", b_higher ? "higher" : "lower");
}

std::string provenance_line(const char* label, const ResultFile& f) {
  std::string line = fmt::format("{}: {}", label, f.path.string());
  const auto add = [&](const char* what, const std::string& value) {
    if (!value.empty()) line += fmt::format(", {} {}", what, value);
  };
  add("host", f.host());
  add("config", f.context_string("config_name"));
  add("date", f.context_string("date"));
  add("framebench", f.context_string("framebench_version"));
  add("commit", f.context_string("framebench_git_commit"));
  return line;
}

std::set<std::string> counter_names(const ResultFile& a, const ResultFile& b) {
  std::set<std::string> counters;
  for (const auto* f : {&a, &b})
    for (const auto& c : f->cases) {
      for (const auto& r : c.repetitions)
        for (const auto& [name, value] : r.counters) counters.insert(name);
      for (const auto& [which, r] : c.aggregates)
        for (const auto& [name, value] : r.counters) counters.insert(name);
    }
  return counters;
}

std::string format_value(double v) { return fmt::format("{:.4g}", v); }

}  // namespace

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::significant: return "significant";
    case Verdict::not_significant: return "not significant";
    case Verdict::too_few_repetitions: return "too few repetitions";
  }
  return "";
}

MannWhitneyResult mann_whitney_u(const std::vector<double>& x, const std::vector<double>& y, UTestMethod method) {
  if (x.empty() || y.empty()) throw Error("Mann-Whitney U test needs two non-empty samples");
  const auto n1 = x.size();
  const auto n2 = y.size();
  std::vector<double> all = x;
  all.insert(all.end(), y.begin(), y.end());
  std::vector<std::size_t> ties;
  const auto ranks = average_ranks(all, ties);
  const double r1 = std::accumulate(ranks.begin(), ranks.begin() + static_cast<std::ptrdiff_t>(n1), 0.0);
  const double nn1 = static_cast<double>(n1);
  const double nn2 = static_cast<double>(n2);
  MannWhitneyResult result;
  result.u1 = r1 - nn1 * (nn1 + 1) / 2;
  const double u = std::max(result.u1, nn1 * nn2 - result.u1);  // two-sided: the larger statistic's tail, doubled

  const bool has_ties = std::any_of(ties.begin(), ties.end(), [](auto t) { return t > 1; });
  if (method == UTestMethod::automatic)
    method = (n1 > 8 && n2 > 8) || has_ties ? UTestMethod::asymptotic : UTestMethod::exact;
  result.exact = method == UTestMethod::exact;
  double p = 0;
  if (result.exact) {
    p = 2 * exact_survival(n1, n2, u);
  } else {
    const double n = nn1 + nn2;
    double tie_term = 0;
    for (auto t : ties) tie_term += std::pow(static_cast<double>(t), 3) - static_cast<double>(t);
    const double s = std::sqrt(nn1 * nn2 / 12 * ((n + 1) - tie_term / (n * (n - 1))));
    const double z = (u - nn1 * nn2 / 2 - 0.5) / s;  // all values tied: s = 0, z = -inf, p = 1
    p = std::erfc(z / std::sqrt(2.0));                  // 2 * normal survival function
  }
  result.p_value = std::clamp(p, 0.0, 1.0);
  return result;
}

std::vector<std::string> default_metrics(const ResultFile& a, const ResultFile& b) {
  const auto counters = counter_names(a, b);
  return counters.contains("fps") ? std::vector<std::string>{"time", "fps"} : std::vector<std::string>{"time"};
}

Comparison compare_results(const ResultFile& a, const ResultFile& b, const std::vector<std::string>& metrics, double alpha) {
  const auto counters = counter_names(a, b);
  for (const auto& metric : metrics) {
    if (metric == "time" || metric == "cpu_time" || counters.contains(metric)) continue;
    std::string known = "time, cpu_time";
    for (const auto& c : counters) known += ", " + c;
    throw InputError(fmt::format("--metric {}: neither {} nor {} has it; known: {}", metric, a.path.string(), b.path.string(), known));
  }
  Comparison out;
  out.metrics = metrics;
  out.alpha = alpha;
  for (const auto& ca : a.cases) {
    CaseComparison cc;
    cc.name = ca.name;
    if (ca.failed) cc.a_error = ca.error_message;
    const auto* cb = b.find(ca.name);
    if (!cb) {
      cc.presence = CasePresence::only_a;
      out.cases.push_back(std::move(cc));
      continue;
    }
    if (cb->failed) cc.b_error = cb->error_message;
    for (const auto& metric : metrics) {
      const auto va = ca.metric_values(metric);
      const auto vb = cb->metric_values(metric);
      if (va.empty() || vb.empty()) continue;
      MetricComparison m;
      m.metric = metric;
      m.a_median = harness::median(va);
      m.b_median = harness::median(vb);
      m.a_count = va.size();
      m.b_count = vb.size();
      if (std::min(va.size(), vb.size()) >= utest_min_repetitions) {
        m.utest = mann_whitney_u(va, vb);
        m.verdict = m.utest->p_value < alpha ? Verdict::significant : Verdict::not_significant;
      }
      cc.metrics.push_back(m);
    }
    out.cases.push_back(std::move(cc));
  }
  for (const auto& cb : b.cases) {
    if (a.find(cb.name)) continue;
    CaseComparison cc;
    cc.name = cb.name;
    cc.presence = CasePresence::only_b;
    if (cb.failed) cc.b_error = cb.error_message;
    out.cases.push_back(std::move(cc));
  }
  return out;
}

std::string format_comparison(const Comparison& comparison, const ResultFile& a, const ResultFile& b) {
  std::string out = provenance_line("A", a) + "\n" + provenance_line("B", b) + "\n";
  bool unreliable = false;
  for (const auto& metric : comparison.metrics) {
    struct Row {
      std::string name, a, b, ratio, p, verdict;
    };
    std::vector<Row> rows;
    for (const auto& c : comparison.cases)
      for (const auto& m : c.metrics) {
        if (m.metric != metric) continue;
        rows.push_back({c.name, format_value(m.a_median), format_value(m.b_median), fmt::format("{:.3f}", m.ratio()),
                        m.utest ? fmt::format("{:.4f}", m.utest->p_value) : "-", verdict_text(m)});
        if (m.utest && std::min(m.a_count, m.b_count) < utest_optimal_repetitions) {
          unreliable = true;
          rows.back().verdict += fmt::format(" ({} vs {} reps)", m.a_count, m.b_count);
        }
      }
    if (rows.empty()) continue;
    Row header{"case", "A median", "B median", "B/A", "p-value", "result"};
    std::size_t w[5] = {header.name.size(), header.a.size(), header.b.size(), header.ratio.size(), header.p.size()};
    for (const auto& r : rows) {
      w[0] = std::max(w[0], r.name.size());
      w[1] = std::max(w[1], r.a.size());
      w[2] = std::max(w[2], r.b.size());
      w[3] = std::max(w[3], r.ratio.size());
      w[4] = std::max(w[4], r.p.size());
    }
    out += fmt::format("\n{} (Mann-Whitney U, two-sided, alpha {}):\n", metric_title(metric), comparison.alpha);
    const auto line = [&](const Row& r) {
      return fmt::format("{:<{}}  {:>{}}  {:>{}}  {:>{}}  {:>{}}  {}\n", r.name, w[0], r.a, w[1], r.b, w[2], r.ratio, w[3], r.p,
                         w[4], r.verdict);
    };
    out += line(header);
    for (const auto& r : rows) out += line(r);
  }
  std::vector<std::string> notes;
  for (const auto& c : comparison.cases) {
    if (c.presence == CasePresence::only_a) notes.push_back(fmt::format("only in A: {}", c.name));
    if (c.presence == CasePresence::only_b) notes.push_back(fmt::format("only in B: {}", c.name));
    if (!c.a_error.empty()) notes.push_back(fmt::format("failed in A: {}: {}", c.name, c.a_error));
    if (!c.b_error.empty()) notes.push_back(fmt::format("failed in B: {}: {}", c.name, c.b_error));
  }
  if (unreliable)
    notes.push_back(fmt::format("p-values from fewer than {0} repetitions a side are unreliable ({0}+ recommended)",
                                utest_optimal_repetitions));
  if (!notes.empty()) out += "\n";
  for (const auto& n : notes) out += n + "\n";
  return out;
}

}  // namespace framebench::reports
