#pragma once
// Vega-Lite v5 specs built from result files, data inlined, one per chart the data supports:
// time per strategy, speedup over single-core, fps against workers, stage breakdown, kernel
// throughput against the memory-bandwidth roofline, kernel-size sweep (direct vs FFT) and the
// same cases across machines (reports/charts/: one file per kind). Each chart carries the table of
// its numbers and notes (failed cases: never drawn as bars; noisy or disturbed ones: marked).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

class ChartKind;

struct ChartTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct Chart {
  std::string id;                   // file stem: [a-z0-9.-]+, unique within a report
  const ChartKind* kind = nullptr;  // what drew it; build_charts always sets it
  std::string title;
  nlohmann::json spec;
  ChartTable table;
  std::vector<std::string> notes;  // e.g. failed cases, listed under the chart
};

// Hosts are machines (reports/machines.hpp). Where files of one host share a case, the later file's is drawn.
std::vector<Chart> build_charts(const std::vector<ResultFile>& files);
// Those cases, one line each: "CASE (host H): drawn from B.json, not A.json".
std::vector<std::string> cases_drawn_from_a_later_file(const std::vector<ResultFile>& files);

}  // namespace framebench::reports
