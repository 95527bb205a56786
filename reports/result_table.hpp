#pragma once
// The summary table of a result file, one row per case (skipped cases included), as `summary`
// prints it, `run` and `kernels` end with (reports/terminal_table.hpp) and `--export-markdown` /
// `--export-csv` write: the case's parameters, its median time and fps with the fps interval, its
// paired speedup with its interval and its output's size (a kernels file: the bytes it moved per
// second and their share of the measured memory bandwidth), repetitions, noise and status. Printers
// (reports/table_export.hpp) only format it.
#include <optional>
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

struct ResultTableRow {
  std::vector<std::string> params;  // values of ResultTable::param_names ("" where the case has none); workers as used
  std::optional<double> median_s, fps, fps_low, fps_high, speedup, speedup_low, speedup_high, noise;
  std::optional<double> bytes_per_second, bandwidth_fraction;  // kernel rows
  std::optional<double> output_bytes;  // e2e rows: the output file's size (median), absent in files before 7 December 2026
  int repetitions = 0;
  // "ok", the flags ("noisy", "disturbed"), "failed: <why>" or "skipped, <whose limit>: <reason>".
  std::string status;
};

// What a kernels file's bandwidth shares are of, and whether Google Benchmark called itself a
// debug build (Debian's does): said once below the table.
struct KernelTableNotes {
  std::optional<double> single_core_bytes_per_s, all_cores_bytes_per_s;
  bool library_debug = false;
};

struct ResultTable {
  // strategy, dataset, kernel, encoder, workers (kernel files: impl, kernel, size, threads)
  std::vector<std::string> param_names;
  std::vector<ResultTableRow> rows;
  std::optional<double> confidence;      // of the intervals, as the file records it
  std::string baseline;                  // the strategy speedups are over
  std::string order;                     // of the repetitions, which says how speedups were paired
  int unpaired = 0;                      // cases that ran but found no baseline case to pair with
  bool native_over_bgr24 = false;        // native-path speedups over the baseline's BGR24 run (older files)
  bool output_sizes = false;             // some row records its output's size: the tables get the column
  std::optional<KernelTableNotes> kernels;  // a kernels file's table
};

ResultTable result_table(const ResultFile& file);

// A row's noise: the recorded fps interval's, none for one repetition (whose interval [x, x] and
// noise of 0.0% would read as perfectly precise). The report's tables show the same figure.
std::optional<double> noise_of(const CaseResult& c);

}  // namespace framebench::reports
