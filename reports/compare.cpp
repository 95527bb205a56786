#include "reports/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/error.hpp"
#include "harness/case_matrix.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/statistics.hpp"

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
  return metric == "time" || metric == "cpu_time" || metric == "fps" || metric == "speedup" || metric.ends_with("_per_second");
}
bool higher_is_better(const std::string& metric) {
  return metric == "fps" || metric == "speedup" || metric.ends_with("_per_second") || metric == "bandwidth_fraction" ||
         metric == "psnr_db";
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

// Speeds and durations are faster or slower; other metrics better or worse, or just higher or lower.
std::string verdict_word(const MetricComparison& m) {
  const bool faster = m.verdict == Verdict::faster;
  if (m.verdict == Verdict::same || m.verdict == Verdict::unsure) return to_string(m.verdict);
  if (is_speed(m.metric) || m.metric.ends_with("_s")) return faster ? "faster" : "slower";
  if (lower_is_better(m.metric) || higher_is_better(m.metric)) return faster ? "better" : "worse";
  return (m.b_median > m.a_median) ? "higher" : "lower";
}

// The verdict and, where it is not plain, what it rests on.
std::string verdict_text(const MetricComparison& m) {
  std::string text = verdict_word(m);
  if (m.from_intervals()) {
    if (m.verdict != Verdict::unsure) return text;
    if (m.a_noisy || m.b_noisy) return text + (m.a_noisy && m.b_noisy ? " (both noisy)" : m.a_noisy ? " (A noisy)" : " (B noisy)");
    return text + " (intervals overlap, B/A beyond the noise)";
  }
  text += " (" + to_string(m.significance);
  if (m.utest && std::min(m.a_count, m.b_count) < utest_optimal_repetitions) text += fmt::format(", {} vs {} reps", m.a_count, m.b_count);
  return text + ")";
}

std::optional<double> noise_of(double median, const std::optional<RecordedInterval>& interval) {
  if (!interval || median == 0) return std::nullopt;
  return harness::relative_noise(median, interval->low, interval->high);
}

// The coverage and noise of a metric's recorded interval: fps and time share the fps interval's;
// the speedup has its own (files from before it was recorded: the fps interval's, whose
// repetitions the speedup's pairs match in interleaved order).
std::pair<double, double> coverage_and_noise(const RecordedStatistics& s, const std::string& metric) {
  if (metric == "speedup") return {s.speedup_coverage.value_or(s.coverage), s.speedup_noise.value_or(s.noise)};
  return {s.coverage, s.noise};
}

// The interval `run` recorded for a metric's median (fps, time from fps, speedup), where it
// reaches the confidence the run asked for. One of too few repetitions is [min, max], which for
// two repetitions misses the median half the time: it is no evidence of a change, so the U test
// judges such a case instead.
std::optional<RecordedInterval> metric_interval(const CaseResult& c, const std::string& metric) {
  if (!c.statistics || c.failed) return std::nullopt;
  const RecordedStatistics& s = *c.statistics;
  // A file that does not say its confidence is held to the one `run` asks for by default: else a
  // two-repetition [min, max] passed as an interval and let a 40% slowdown through the gate as
  // "unsure" (found 5 December 2026 by a hostile-input sweep).
  const double confidence = s.confidence.value_or(harness::MeasurementPolicy{}.confidence);
  if (!harness::reaches(coverage_and_noise(s, metric).first, confidence)) return std::nullopt;
  if (metric == "fps") return s.fps;
  if (metric == "time") return c.time_interval();
  if (metric == "speedup") return s.speedup_interval;
  return std::nullopt;
}

// Whether the case's figure for the metric missed the run's noise target; the recorded `noisy`
// (fps or speedup) where the file lacks the target.
bool metric_noisy(const CaseResult& c, const std::string& metric) {
  if (!c.statistics) return false;
  const RecordedStatistics& s = *c.statistics;
  if (!s.confidence || !s.max_noise) return s.noisy;
  const auto [coverage, noise] = coverage_and_noise(s, metric);
  return !harness::precise(coverage, noise, *s.confidence, *s.max_noise);
}

// Whether the U test can find any two samples of these sizes significant: its p-value where they
// do not overlap at all is the smallest there is.
bool can_be_significant(std::size_t n1, std::size_t n2, double alpha) {
  std::vector<double> low(n1), high(n2);
  for (std::size_t i = 0; i < n1; ++i) low[i] = static_cast<double>(i);
  for (std::size_t i = 0; i < n2; ++i) high[i] = static_cast<double>(n1 + i);
  return mann_whitney_u(low, high).p_value < alpha;
}

std::optional<MetricComparison> compare_metric(const CaseResult& ca, const CaseResult& cb, const std::string& metric, double alpha) {
  auto va = ca.metric_values(metric);
  auto vb = cb.metric_values(metric);
  if (va.empty() || vb.empty()) return std::nullopt;
  if (is_case_counter(metric)) {  // one value per case: no sample for a U test
    va.resize(1);
    vb.resize(1);
  }
  MetricComparison m;
  m.metric = metric;
  m.a_median = harness::median(va);
  m.b_median = harness::median(vb);
  m.a_count = va.size();
  m.b_count = vb.size();
  m.a_interval = metric_interval(ca, metric);
  m.b_interval = metric_interval(cb, metric);
  m.a_noisy = metric_noisy(ca, metric);
  m.b_noisy = metric_noisy(cb, metric);
  if (std::min(va.size(), vb.size()) >= utest_min_repetitions) {
    m.utest = mann_whitney_u(va, vb);
    m.significance = m.utest->p_value < alpha ? Significance::significant : Significance::not_significant;
    // Samples this small cannot be significant however far apart (2 against 2: p >= 1/3), which
    // is not evidence of sameness (found 5 December 2026 by a review of first use: a gate passed
    // a 60% slowdown measured twice on each side).
    m.too_few_to_tell = !can_be_significant(va.size(), vb.size(), alpha);
  }
  m.verdict = judge(m);
  return m;
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

std::string noise_text(const std::optional<double>& noise, bool noisy) {
  if (!noise) return "-";
  return fmt::format("{:.1f}%{}", 100 * *noise, noisy ? " noisy" : "");
}

// One metric's rows: medians, each side's noise where it has an interval, B/A, p-value, verdict.
std::string metric_table(const std::vector<const MetricComparison*>& rows, const std::vector<std::string>& names) {
  std::vector<std::vector<std::string>> cells = {{"case", "A median", "A noise", "B median", "B noise", "B/A", "p-value", "verdict"}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& m = *rows[i];
    cells.push_back({names[i], format_value(m.a_median), noise_text(m.a_noise(), m.a_noisy), format_value(m.b_median),
                     noise_text(m.b_noise(), m.b_noisy), fmt::format("{:.3f}", m.ratio()),
                     m.utest ? fmt::format("{:.4f}", m.utest->p_value) : "-", verdict_text(m)});
  }
  std::vector<std::size_t> width(cells.front().size(), 0);
  for (const auto& row : cells)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : cells) {
    out += fmt::format("{:<{}}", row[0], width[0]);
    for (std::size_t i = 1; i + 1 < row.size(); ++i) out += fmt::format("  {:>{}}", row[i], width[i]);
    out += "  " + row.back() + "\n";
  }
  return out;
}

// How the verdicts were reached, for the rows that used each way.
std::vector<std::string> method_notes(double alpha, bool intervals, bool utest) {
  std::vector<std::string> notes;
  if (intervals)
    notes.push_back("with both files' confidence intervals (where each reaches its run's confidence): faster or slower where they "
                    "do not overlap; same where they overlap, neither case is noisy and B/A is within both noises; else unsure");
  if (utest)
    notes.push_back(fmt::format("{}: faster or slower where a Mann-Whitney U test (two-sided, alpha {}) is significant; "
                                "else same where B/A is within {:g}%, unsure otherwise",
                                // Said whole where no row had intervals (found 6 December 2026: "without them" of nothing).
                                intervals ? "without them" : "without confidence intervals in both files that reach their confidence",
                                alpha, 100 * same_without_intervals));
  return notes;
}

std::vector<std::string> comparison_notes(const Comparison& comparison, bool intervals, bool utest) {
  std::vector<std::string> notes = method_notes(comparison.alpha, intervals, utest);
  if (!comparison.speedups_not_compared.empty()) notes.push_back(comparison.speedups_not_compared);
  bool unreliable = false;
  for (const auto& c : comparison.cases) {
    if (c.presence == CasePresence::only_a) notes.push_back(fmt::format("only in A: {}", c.name));
    if (c.presence == CasePresence::only_b) notes.push_back(fmt::format("only in B: {}", c.name));
    if (!c.a_error.empty()) notes.push_back(fmt::format("{} in A: {}: {}", c.a_never_ran ? "not run" : "failed", c.name, c.a_error));
    if (!c.b_error.empty()) notes.push_back(fmt::format("{} in B: {}: {}", c.b_never_ran ? "not run" : "failed", c.name, c.b_error));
    if (c.a_disturbed) notes.push_back(fmt::format("disturbed in A: {}", c.name));
    if (c.b_disturbed) notes.push_back(fmt::format("disturbed in B: {}", c.name));
    for (const auto& m : c.metrics)
      unreliable |= !m.from_intervals() && m.utest && std::min(m.a_count, m.b_count) < utest_optimal_repetitions;
  }
  if (unreliable)
    notes.push_back(fmt::format("p-values from fewer than {0} repetitions a side are unreliable ({0}+ recommended)",
                                utest_optimal_repetitions));
  return notes;
}

}  // namespace

std::string to_string(Significance significance) {
  switch (significance) {
    case Significance::significant: return "significant";
    case Significance::not_significant: return "not significant";
    case Significance::too_few_repetitions: return "too few repetitions";
  }
  return "";
}

std::string to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::faster: return "faster";
    case Verdict::slower: return "slower";
    case Verdict::same: return "same";
    case Verdict::unsure: return "unsure";
  }
  return "";
}

std::optional<double> MetricComparison::a_noise() const { return noise_of(a_median, a_interval); }
std::optional<double> MetricComparison::b_noise() const { return noise_of(b_median, b_interval); }

// With both intervals: apart, B is faster or slower; overlapping, the same only where neither case
// is noisy and B/A is within both noises (nvbench's rule), else unsure: overlap alone does not
// show equality. Without them: a significant U test decides, else the same within 2%, else unsure.
Verdict judge(const MetricComparison& m) {
  const bool b_better = lower_is_better(m.metric) ? m.b_median < m.a_median : m.b_median > m.a_median;
  const double change = std::abs(m.ratio() - 1);
  if (m.from_intervals()) {
    if (!m.a_interval->overlaps(*m.b_interval)) return b_better ? Verdict::faster : Verdict::slower;
    const auto a_noise = m.a_noise(), b_noise = m.b_noise();
    const bool same = !m.a_noisy && !m.b_noisy && a_noise && b_noise && change <= std::min(*a_noise, *b_noise);
    return same ? Verdict::same : Verdict::unsure;
  }
  if (m.significance == Significance::significant) return b_better ? Verdict::faster : Verdict::slower;
  return change <= same_without_intervals ? Verdict::same : Verdict::unsure;
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
  // Exact where one side is small (scipy's rule), while its table stays small: it grows with
  // (n1 n2)^2, and 8 against 4,000 repetitions took 1.9 s (found 5 December 2026 by a hostile-input
  // sweep); that far past 8 a side the normal approximation is close.
  constexpr double kLargestExactTable = 4096;
  if (method == UTestMethod::automatic)
    method = (n1 > 8 && n2 > 8) || has_ties || nn1 * nn2 > kLargestExactTable ? UTestMethod::asymptotic : UTestMethod::exact;
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
  // Speedups over different baselines measure different things: not compared.
  const std::string a_baseline = a.context_string("baseline"), b_baseline = b.context_string("baseline");
  if (!a_baseline.empty() && !b_baseline.empty() && a_baseline != b_baseline)
    out.speedups_not_compared = fmt::format("speedup not compared: A's is over {}, B's over {}", a_baseline, b_baseline);
  for (const auto& ca : a.cases) {
    CaseComparison cc;
    cc.name = ca.name;
    if (ca.failed) cc.a_error = ca.failure_reason();
    cc.a_never_ran = ca.never_ran();
    const auto* cb = b.find(ca.name);
    if (!cb) {
      cc.presence = CasePresence::only_a;
      // Measured in A and unavailable in B is a case B's build or machine lost: the gate fails it
      // as it fails a case that failed (found 5 December 2026 by a hostile-input sweep).
      // (One B measured under another name, workers 0 being its count there, is not lost.)
      for (const auto& u : b.unavailable)
        if (u.name == ca.name && u.scope != harness::kSameCase) cc.b_error = "unavailable: " + u.reason;
      out.cases.push_back(std::move(cc));
      continue;
    }
    if (cb->failed) cc.b_error = cb->failure_reason();
    cc.b_never_ran = cb->never_ran();
    cc.a_disturbed = ca.statistics && ca.statistics->disturbed;
    cc.b_disturbed = cb->statistics && cb->statistics->disturbed;
    for (const auto& metric : metrics) {
      if (metric == "speedup" && !out.speedups_not_compared.empty()) continue;
      if (auto m = compare_metric(ca, *cb, metric, alpha)) cc.metrics.push_back(std::move(*m));
    }
    out.cases.push_back(std::move(cc));
  }
  for (const auto& cb : b.cases) {
    if (a.find(cb.name)) continue;
    CaseComparison cc;
    cc.name = cb.name;
    cc.presence = CasePresence::only_b;
    if (cb.failed) cc.b_error = cb.failure_reason();
    cc.b_never_ran = cb.never_ran();
    out.cases.push_back(std::move(cc));
  }
  return out;
}

std::string format_comparison(const Comparison& comparison, const ResultFile& a, const ResultFile& b) {
  std::string out = provenance_line("A", a) + "\n" + provenance_line("B", b) + "\n";
  bool intervals = false, utest = false;
  for (const auto& metric : comparison.metrics) {
    std::vector<const MetricComparison*> rows;
    std::vector<std::string> names;
    for (const auto& c : comparison.cases)
      for (const auto& m : c.metrics)
        if (m.metric == metric) {
          rows.push_back(&m);
          names.push_back(c.name);
          (m.from_intervals() ? intervals : utest) = true;
        }
    if (!rows.empty()) out += fmt::format("\n{}:\n", metric_title(metric)) + metric_table(rows, names);
  }
  const auto notes = comparison_notes(comparison, intervals, utest);
  if (!notes.empty()) out += "\n";
  for (const auto& n : notes) out += n + "\n";
  return out;
}

std::size_t cases_in_both(const Comparison& comparison) {
  return static_cast<std::size_t>(
      std::count_if(comparison.cases.begin(), comparison.cases.end(), [](const CaseComparison& c) { return c.presence == CasePresence::both; }));
}

std::vector<Regression> slower_by_more_than(const Comparison& comparison, double percent) {
  std::vector<Regression> out;
  for (const auto& c : comparison.cases)
    for (const auto& m : c.metrics) {
      if (m.metric != "time" || m.ratio() <= 1 + percent / 100) continue;
      if (m.verdict == Verdict::slower) {
        out.push_back({c.name, m.ratio(), {}});
      } else if (m.verdict != Verdict::faster && !m.from_intervals() && (!m.utest || m.too_few_to_tell)) {
        // Unsure, or "same" only by being within 2% (no evidence either way): past the limit, not judged.
        std::size_t enough = 2;
        while (enough < 64 && !can_be_significant(enough, enough, comparison.alpha)) ++enough;
        out.push_back({c.name, m.ratio(), fmt::format("{} vs {} repetitions, {} on each side needed", m.a_count, m.b_count, enough)});
      }
    }
  return out;
}

std::vector<std::string> failed_in_b(const Comparison& comparison) {
  std::vector<std::string> out;
  for (const auto& c : comparison.cases)
    if (!c.b_error.empty()) out.push_back(fmt::format("{}: {}", c.name, c.b_error));
  return out;
}

std::string format_regressions(const std::vector<Regression>& slower, double percent) {
  if (slower.empty()) return fmt::format("--fail-if-slower {:g}: no case is slower by more than {:g}%\n", percent, percent);
  std::string out;
  const auto list = [&](bool untested, const std::string& heading) {
    const auto n = std::count_if(slower.begin(), slower.end(), [&](const Regression& r) { return r.too_few.empty() != untested; });
    if (n == 0) return;
    out += fmt::format("--fail-if-slower {:g}: {} case{} {}:\n", percent, n, n == 1 ? " is" : "s are", heading);
    for (const auto& r : slower)
      if (r.too_few.empty() != untested)
        out += fmt::format("  {} (time B/A {:.3f}, {:+.1f}%{})\n", r.name, r.ratio, 100 * (r.ratio - 1), untested ? "; " + r.too_few : "");
  };
  list(false, fmt::format("slower by more than {:g}%", percent));
  list(true, fmt::format("slower by more than {:g}% at the median, with too few repetitions for any test to tell; measure more",
                         percent));
  return out;
}

}  // namespace framebench::reports
