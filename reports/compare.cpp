#include "reports/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "core/error.hpp"
#include "harness/case_matrix.hpp"
#include "harness/environment.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/mann_whitney.hpp"
#include "harness/statistics.hpp"

namespace framebench::reports {

namespace {

std::optional<double> noise_of(double median, const std::optional<RecordedInterval>& interval) {
  if (!interval || median == 0) return std::nullopt;
  return harness::relative_noise(median, interval->low, interval->high);
}

// The coverage and noise of a metric's recorded interval: fps and time share the fps interval's;
// the speedup has its own (files from before it was recorded: the fps interval's, whose
// repetitions the speedup's pairs match in interleaved order).
std::pair<double, double> coverage_and_noise(const RecordedStatistics& s, const std::string& metric) {
  if (metric != "speedup") return {s.coverage, s.noise};
  // The baseline's own speedup is 1 in every round, exactly: no noise, whatever its fps had (found
  // 6 December 2026 by a sweep of the reports: "0.0% noisy ... unsure (both noisy)").
  const bool baseline = s.speedup_interval && s.speedup_interval->low == 1 && s.speedup_interval->high == 1 && s.speedup == 1.0;
  if (baseline && !s.speedup_noise) return {1, 0};
  return {s.speedup_coverage.value_or(s.coverage), s.speedup_noise.value_or(s.noise)};
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
  if (!is_case_counter(metric)) {
    m.a_summarised = ca.repetitions.empty() ? ca.repetition_count() : 0;
    m.b_summarised = cb.repetitions.empty() ? cb.repetition_count() : 0;
  }
  m.a_interval = metric_interval(ca, metric);
  m.b_interval = metric_interval(cb, metric);
  m.a_noisy = metric_noisy(ca, metric);
  m.b_noisy = metric_noisy(cb, metric);
  if (std::min(va.size(), vb.size()) >= utest_min_repetitions) {
    m.utest = harness::mann_whitney_u(va, vb);
    m.significance = m.utest->p_value < alpha ? Significance::significant : Significance::not_significant;
    // Samples this small cannot be significant however far apart (2 against 2: p >= 1/3), which
    // is not evidence of sameness (found 5 December 2026 by a review of first use: a gate passed
    // a 60% slowdown measured twice on each side).
    m.too_few_to_tell = !harness::can_be_significant(va.size(), vb.size(), alpha);
  }
  m.verdict = judge(m);
  return m;
}

std::set<std::string> counter_names(const ResultFile& f) {
  std::set<std::string> counters;
  for (const auto& c : f.cases) {
    for (const auto& r : c.repetitions)
      for (const auto& [name, value] : r.counters) counters.insert(name);
    for (const auto& [which, r] : c.aggregates)
      for (const auto& [name, value] : r.counters) counters.insert(name);
  }
  return counters;
}

// What makes the two files' figures of one case measure different things: a dataset whose bytes
// differ (its sha256, recorded per dataset), or kernels run on other thread counts (not in their
// names). Found 6 December 2026 by a sweep of the reports: both compared without a word, and the
// gate failed a case as slower on a regenerated clip.
std::vector<std::string> input_differences(const ResultFile& a, const ResultFile& b, std::set<std::string>& other_bytes) {
  std::vector<std::string> out;
  for (const auto& [key, value] : a.context.items()) {
    if (!key.starts_with("dataset:") || !b.context.contains(key) || b.context.at(key) == value) continue;
    other_bytes.insert(key.substr(8));
    out.push_back(fmt::format("dataset {} has other bytes in B than in A (sha256 {} against {}): its cases measured other inputs, "
                              "and --fail-if-slower leaves them out",
                              key.substr(8), b.context_string(key).substr(0, 12), a.context_string(key).substr(0, 12)));
  }
  // Other machines, cores or builds: figures of one name that measured other things (found
  // 6 December 2026 by a sweep of compare: a 2-core file against a 64-core one, `workers:0` in
  // both names, compared without a word).
  const auto differs = [&](const char* key) {
    const std::string va = a.context_string(key), vb = b.context_string(key);
    return !va.empty() && !vb.empty() && va != vb;
  };
  if (differs("host_name") || differs("cpu_model"))
    out.push_back(fmt::format("A ran on {} ({}), B on {} ({}): other machines", a.host(), a.context_string("cpu_model"), b.host(),
                              b.context_string("cpu_model")));
  if (differs("cpu_vector_isa"))
    out.push_back(fmt::format("A's CPU ran the kernels' {} code, B's {}: CPU kernel figures differ with the vector width too",
                              a.context_string("cpu_vector_isa"), b.context_string("cpu_vector_isa")));
  if (differs("cpu_cores_available"))
    out.push_back(fmt::format("A could use {} cores, B {}: `workers:0` is each one's own count", a.context_string("cpu_cores_available"),
                              b.context_string("cpu_cores_available")));
  if (differs("framebench_git_commit") || differs("framebench_version") || differs("framebench_build_type"))
    out.push_back(fmt::format("A was measured by framebench {}, B by {}",
                              build_text(a.context_string("framebench_version"), a.context_string("framebench_git_commit"),
                                                  a.context_string("framebench_build_type")),
                              build_text(b.context_string("framebench_version"), b.context_string("framebench_git_commit"),
                                                  b.context_string("framebench_build_type"))));
  // The peers' timings are the `ffmpeg` program's, which PATH chose (found 7 December 2026 by a
  // fairness audit: a slower one in PATH went unrecorded).
  if (differs("ffmpeg_program"))
    out.push_back(fmt::format("A's `ffmpeg` (which the peer strategies run) was {}, B's {}", a.context_string("ffmpeg_program"),
                              b.context_string("ffmpeg_program")));
  // The budget `kernels` records, 0 being every core the run could use.
  const auto threads_of = [](const ResultFile& f) {
    const std::string asked = f.context_string("threads");
    return asked == "0" ? f.context_string("cpu_cores_available") : asked;
  };
  if (const auto ta = threads_of(a), tb = threads_of(b); !ta.empty() && !tb.empty() && ta != tb)
    out.push_back(fmt::format("A's kernels ran on {} thread(s), B's on {}: their cases are not alike", ta, tb));
  return out;
}

}  // namespace

bool lower_is_better(const std::string& metric) {
  // An output's size has no better side: the same encoder makes a smaller file of a blurrier
  // picture, so it is higher or lower, never better.
  if (metric == "output_bytes") return false;
  return metric == "time" || metric == "cpu_time" || metric.ends_with("_s") || metric.ends_with("_bytes");
}

bool is_speed(const std::string& metric) {
  return metric == "time" || metric == "cpu_time" || metric == "fps" || metric == "speedup" || metric.ends_with("_per_second");
}

bool higher_is_better(const std::string& metric) {
  return metric == "fps" || metric == "speedup" || metric.ends_with("_per_second") || metric == "bandwidth_fraction" ||
         metric == "psnr_db";
}

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

std::vector<std::string> default_metrics(const ResultFile& a, const ResultFile& b) {
  const bool both_fps = counter_names(a).contains("fps") && counter_names(b).contains("fps");
  return both_fps ? std::vector<std::string>{"time", "fps"} : std::vector<std::string>{"time"};
}

Comparison compare_results(const ResultFile& a, const ResultFile& b, const std::vector<std::string>& metrics, double alpha) {
  const auto counters_a = counter_names(a), counters_b = counter_names(b);
  // cpu_time only where the file's entries recorded it (one without was read as 0 s).
  const auto has_cpu_time = [](const ResultFile& f) {
    return std::any_of(f.cases.begin(), f.cases.end(), [](const CaseResult& c) { return !c.metric_values("cpu_time").empty(); });
  };
  const bool cpu_time_a = has_cpu_time(a), cpu_time_b = has_cpu_time(b);
  for (const auto& metric : metrics) {
    const bool in_a = metric == "cpu_time" ? cpu_time_a : counters_a.contains(metric);
    const bool in_b = metric == "cpu_time" ? cpu_time_b : counters_b.contains(metric);
    if (metric == "time" || (in_a && in_b)) continue;
    // One file without it compares nothing (found 6 December 2026 by a sweep of the reports: an
    // empty table, exit 0).
    std::string known = cpu_time_a && cpu_time_b ? "time, cpu_time" : "time";
    for (const auto& c : counters_a)
      if (counters_b.contains(c)) known += ", " + c;
    const auto lacking = !in_a && !in_b ? fmt::format("neither {} nor {} has it", a.path.string(), b.path.string())
                                        : fmt::format("{} has no such counter", (in_a ? b : a).path.string());
    throw InputError(fmt::format("--metric {}: {}; both have: {}", metric, lacking, known));
  }
  Comparison out;
  out.metrics = std::vector<std::string>();
  for (const auto& metric : metrics)  // each once: `--metric time --metric time` printed its table twice
    if (std::find(out.metrics.begin(), out.metrics.end(), metric) == out.metrics.end()) out.metrics.push_back(metric);
  out.input_differences = input_differences(a, b, out.datasets_of_other_bytes);
  out.alpha = alpha;
  // Speedups over different baselines measure different things: not compared.
  const std::string a_baseline = a.context_string("baseline"), b_baseline = b.context_string("baseline");
  if (!a_baseline.empty() && !b_baseline.empty() && a_baseline != b_baseline)
    out.speedups_not_compared = fmt::format("speedup not compared: A's is over {}, B's over {}", a_baseline, b_baseline);
  // By name, once: files of tens of thousands of cases searched in turn took seconds (found
  // 6 December 2026 by a sweep of large configs: 42,000 cases, 18 s).
  std::unordered_map<std::string, const CaseResult*> a_by_name, b_by_name;
  for (const auto& c : a.cases) a_by_name.emplace(c.name, &c);
  for (const auto& c : b.cases) b_by_name.emplace(c.name, &c);
  for (const auto& ca : a.cases) {
    CaseComparison cc;
    cc.name = ca.name;
    if (ca.failed) cc.a_error = ca.failure_reason();
    cc.a_never_ran = ca.never_ran();
    const auto found = b_by_name.find(ca.name);
    const CaseResult* cb = found == b_by_name.end() ? nullptr : found->second;
    if (!cb) {
      cc.presence = CasePresence::only_a;
      // Measured in A and unavailable in B is a case B's build or machine lost: the gate fails it
      // as it fails a case that failed (found 5 December 2026 by a hostile-input sweep).
      // (One B measured under another name, workers 0 being its count there, is not lost.)
      for (const auto& u : b.unavailable) {
        if (u.name != ca.name) continue;
        if (u.scope == harness::kSameCase)
          cc.b_measured_as_another = true;
        else
          cc.b_error = "unavailable: " + u.reason;
      }
      out.cases.push_back(std::move(cc));
      continue;
    }
    if (cb->failed) cc.b_error = cb->failure_reason();
    cc.b_never_ran = cb->never_ran();
    cc.a_disturbed = ca.statistics && ca.statistics->disturbed;
    cc.b_disturbed = cb->statistics && cb->statistics->disturbed;
    for (const auto& metric : out.metrics) {
      if (metric == "speedup" && !out.speedups_not_compared.empty()) continue;
      if (auto m = compare_metric(ca, *cb, metric, alpha)) cc.metrics.push_back(std::move(*m));
    }
    out.cases.push_back(std::move(cc));
  }
  for (const auto& cb : b.cases) {
    if (a_by_name.contains(cb.name)) continue;
    CaseComparison cc;
    cc.name = cb.name;
    cc.presence = CasePresence::only_b;
    if (cb.failed) cc.b_error = cb.failure_reason();
    cc.b_never_ran = cb.never_ran();
    out.cases.push_back(std::move(cc));
  }
  return out;
}

std::size_t cases_in_both(const Comparison& comparison) {
  return static_cast<std::size_t>(
      std::count_if(comparison.cases.begin(), comparison.cases.end(), [](const CaseComparison& c) { return c.presence == CasePresence::both; }));
}

std::size_t cases_compared(const Comparison& comparison) {
  return static_cast<std::size_t>(std::count_if(comparison.cases.begin(), comparison.cases.end(), [](const CaseComparison& c) {
    return c.presence == CasePresence::both && !c.metrics.empty();
  }));
}

namespace {

// Whether a case's name says it ran on one of `datasets`.
bool of_dataset(const std::string& name, const std::set<std::string>& datasets) {
  if (datasets.empty()) return false;
  const auto params = parse_case_name(name).params;
  const auto dataset = params.find("dataset");
  return dataset != params.end() && datasets.contains(dataset->second);
}

}  // namespace

std::vector<std::string> cases_of_other_inputs(const Comparison& comparison) {
  std::vector<std::string> out;
  for (const auto& c : comparison.cases)
    if (c.presence == CasePresence::both && of_dataset(c.name, comparison.datasets_of_other_bytes)) out.push_back(c.name);
  return out;
}

std::size_t cases_judged(const Comparison& comparison) {
  return static_cast<std::size_t>(std::count_if(comparison.cases.begin(), comparison.cases.end(), [&](const CaseComparison& c) {
    return c.presence == CasePresence::both && !c.metrics.empty() && !of_dataset(c.name, comparison.datasets_of_other_bytes);
  }));
}

std::vector<Regression> slower_by_more_than(const Comparison& comparison, double percent) {
  std::vector<Regression> out;
  for (const auto& c : comparison.cases)
    for (const auto& m : c.metrics) {
      if (m.metric != "time" || m.ratio() <= 1 + percent / 100) continue;
      // Found 6 December 2026 by a sweep of compare: the gate failed them as slower beside the note
      // that they measured other inputs.
      if (of_dataset(c.name, comparison.datasets_of_other_bytes)) continue;
      if (m.verdict == Verdict::slower) {
        out.push_back({c.name, m.ratio(), {}, {}});
      } else if (m.verdict == Verdict::unsure && m.from_intervals() && m.significance == Significance::significant) {
        // Noisy on both sides, so the intervals overlap, yet every repetition of B is slower: the
        // gate passed a uniform 40% slowdown (found 6 December 2026 by a sweep of compare).
        out.push_back({c.name, m.ratio(), {}, fmt::format("by the U test, p = {:.3g}; the intervals overlap", m.utest->p_value)});
      } else if (m.verdict != Verdict::faster && !m.from_intervals() && (!m.utest || m.too_few_to_tell)) {
        // Unsure, or "same" only by being within 2% (no evidence either way): past the limit, not judged.
        std::size_t enough = 2;
        while (enough < 64 && !harness::can_be_significant(enough, enough, comparison.alpha)) ++enough;
        // A file of aggregates alone holds one median, however many repetitions it sums up (found
        // 6 December 2026 by a sweep of the reports: "1 vs 1 repetitions" where 5 ran a side).
        const auto count = [](std::size_t values, int summarised) {
          return summarised > 0 ? fmt::format("1 (the median of {}; its file kept only aggregates)", summarised) : std::to_string(values);
        };
        out.push_back({c.name, m.ratio(),
                       fmt::format("{} vs {} repetitions, {} on each side needed", count(m.a_count, m.a_summarised),
                                   count(m.b_count, m.b_summarised), enough),
                       {}});
      }
    }
  return out;
}

std::vector<std::string> failed_in_b(const Comparison& comparison) {
  std::vector<std::string> out;
  for (const auto& c : comparison.cases)
    if (!c.b_error.empty()) out.push_back(fmt::format("{}: {}", c.name, c.b_error));
    // Measured in A and absent from B is a case B did not run (found 6 December 2026 by a sweep of
    // the reports: the gate passed it, as "only in A").
    else if (c.presence == CasePresence::only_a && c.a_error.empty() && !c.b_measured_as_another)
      out.push_back(fmt::format("{}: not in B", c.name));
  return out;
}

}  // namespace framebench::reports
