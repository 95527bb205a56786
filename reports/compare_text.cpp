#include "reports/compare_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "core/result_text.hpp"

namespace framebench::reports {

namespace {

std::string metric_title(const std::string& metric) {
  if (metric == "time") return "time (s), lower is better";
  if (metric == "cpu_time") return "CPU time (s), lower is better";
  if (metric == "fps") return "frames per second, higher is better";
  if (metric.ends_with("_s")) return fmt::format("{} (s), lower is better", metric);
  if (metric.ends_with("_bytes")) return fmt::format("{} (bytes){}", metric, lower_is_better(metric) ? ", lower is better" : "");
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
  notes.insert(notes.end(), comparison.input_differences.begin(), comparison.input_differences.end());
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

std::string format_comparison(const Comparison& comparison, const ResultFile& a, const ResultFile& b) {
  std::string out = single_line_text(provenance_line("A", a)) + "\n" + single_line_text(provenance_line("B", b)) + "\n";
  bool intervals = false, utest = false;
  for (const auto& metric : comparison.metrics) {
    std::vector<const MetricComparison*> rows;
    std::vector<std::string> names;
    for (const auto& c : comparison.cases)
      for (const auto& m : c.metrics)
        if (m.metric == metric) {
          rows.push_back(&m);
          names.push_back(single_line_text(c.name));
          (m.from_intervals() ? intervals : utest) = true;
        }
    if (!rows.empty()) out += fmt::format("\n{}:\n", metric_title(metric)) + metric_table(rows, names);
  }
  const auto notes = comparison_notes(comparison, intervals, utest);
  if (!notes.empty()) out += "\n";
  for (const auto& n : notes) out += single_line_text(n) + "\n";  // names and failures' words from the files
  return out;
}

std::string format_regressions(const std::vector<Regression>& slower, double percent) {
  // "Judged": a case unsure of a change beyond the limit, with repetitions enough to tell, is not
  // counted (found 6 December 2026 by a sweep of the reports: "no case is slower" beside +11%).
  if (slower.empty()) return fmt::format("--fail-if-slower {:g}: no case is judged slower by more than {:g}%\n", percent, percent);
  std::string out;
  const auto list = [&](bool untested, const std::string& heading) {
    const auto n = std::count_if(slower.begin(), slower.end(), [&](const Regression& r) { return r.too_few.empty() != untested; });
    if (n == 0) return;
    out += fmt::format("--fail-if-slower {:g}: {} case{} {}:\n", percent, n, n == 1 ? " is" : "s are", heading);
    for (const auto& r : slower)
      if (r.too_few.empty() != untested)
        out += fmt::format("  {} (time B/A {:.3f}, {:+.1f}%{})\n", single_line_text(r.name), r.ratio, 100 * (r.ratio - 1),
                           untested ? "; " + r.too_few : r.by.empty() ? "" : "; " + r.by);
  };
  list(false, fmt::format("slower by more than {:g}%", percent));
  list(true, fmt::format("slower by more than {:g}% at the median, with too few repetitions for any test to tell; measure more",
                         percent));
  return out;
}

}  // namespace framebench::reports
