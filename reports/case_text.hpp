#pragma once
// A case of a result file in words, as the charts, the summary table and the report say it: its
// workers, its flags and why, its status.
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

// Workers the case really used (the counter), else the configured value (0 = all cores).
int workers_of(const CaseResult& c);
// Workers as configured ("0" = all cores), with what "all" came to where the case ran (`used`, 0
// where it did not run): "2", "all (2)", "all".
std::string workers_text(const std::string& configured, int used);
std::string workers_text(const CaseResult& c);

// What a case is marked with: "noisy", "disturbed", "noisy, disturbed", or "".
std::string flag_text(const CaseResult& c);
// Why it is marked, one note each, for under a chart.
std::vector<std::string> flag_notes(const CaseResult& c);
// "ok" or the flags: the status of a successful case.
std::string status_text(const CaseResult& c);

// Whether the native-path cases' speedups are over the baseline strategy's BGR24 run, as files
// written before 5 December 2026 paired them (their native baseline case shows a speedup other
// than 1); since then each pixel path is paired with its own baseline. The charts and the table
// say which.
bool native_paired_over_bgr24(const std::vector<const CaseResult*>& cases, const std::string& baseline);

}  // namespace framebench::reports
