#pragma once
// The summary table of a result file, one row per case (skipped cases included), as `summary`
// prints it, `run` ends with (reports/terminal_table.hpp) and `--export-markdown` / `--export-csv` write: the case's parameters, its median
// time and fps with the fps interval, its paired speedup with its interval, repetitions, noise
// and status. Printers (reports/table_export.hpp) only format it.
#include <optional>
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

struct ResultTableRow {
  std::vector<std::string> params;  // values of ResultTable::param_names ("" where the case has none); workers as used
  std::optional<double> median_s, fps, fps_low, fps_high, speedup, speedup_low, speedup_high, noise;
  int repetitions = 0;
  // "ok", the flags ("noisy", "disturbed"), "failed: <why>" or "skipped, <whose limit>: <reason>".
  std::string status;
};

struct ResultTable {
  std::vector<std::string> param_names;  // strategy, dataset, kernel, encoder, workers (kernel files: impl, kernel, size)
  std::vector<ResultTableRow> rows;
  std::optional<double> confidence;      // of the intervals, as the file records it
  std::string baseline;                  // the strategy speedups are over
  std::string order;                     // of the repetitions, which says how speedups were paired
  int unpaired = 0;                      // cases that ran but found no baseline case to pair with
};

ResultTable result_table(const ResultFile& file);

}  // namespace framebench::reports
