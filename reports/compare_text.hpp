#pragma once
// A comparison in words, for the terminal: where each file came from, one table per metric with
// each case's verdict and what it rests on, then the notes (cases on one side only, failures, how
// the verdicts were reached); and the regression gate's answer.
#include <string>
#include <vector>

#include "reports/compare.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

// The terminal report: provenance of both files, then one table per metric.
std::string format_comparison(const Comparison& comparison, const ResultFile& a, const ResultFile& b);

// --fail-if-slower's answer: no case, or the cases slower by more than `percent`, those judged
// apart from those with too few repetitions to judge.
std::string format_regressions(const std::vector<Regression>& slower, double percent);

}  // namespace framebench::reports
