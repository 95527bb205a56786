#pragma once
// Vega-Lite v5 specs built from result files, data inlined, one per chart the data supports:
// time per strategy, speedup over single-core, fps against workers, stage breakdown, kernel
// throughput against the memory-bandwidth roofline, kernel-size sweep (direct vs FFT) and the
// same cases across machines. Each chart carries the table of its numbers and notes (failed
// cases: never drawn as bars).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

struct ChartTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

struct Chart {
  std::string id;     // file stem: [a-z0-9.-]+, unique within a report
  std::string kind;   // time | speedup | scaling | stages | throughput | sweep | hosts
  std::string title;
  nlohmann::json spec;
  ChartTable table;
  std::vector<std::string> notes;  // e.g. failed cases, listed under the chart
};

std::vector<Chart> build_charts(const std::vector<ResultFile>& files);

// "box5" -> 5, "box:15" -> 15, "gaussian:15:2.5" -> 15; nullopt for kernels without a size in
// their name (custom).
std::optional<int> kernel_size(const std::string& kernel);
// "box5", "box:15" -> "box"; "gaussian:15:2.5" -> "gaussian".
std::string kernel_family(const std::string& kernel);
// The smallest kernel size from which `fft` stays faster than `direct` at every larger size
// measured by both; nullopt if FFT is not faster at the largest common size.
std::optional<int> fft_crossover(const std::map<int, double>& fft_time, const std::map<int, double>& direct_time);

// Lower-case letters, digits, '.' and '-' only.
std::string slug(const std::string& text);

}  // namespace framebench::reports
