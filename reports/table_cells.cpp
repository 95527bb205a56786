#include "reports/table_cells.hpp"

#include <fmt/format.h>

#include "harness/statistics.hpp"

namespace framebench::reports {

namespace {

std::string with_interval(const std::optional<double>& v, const std::optional<double>& low, const std::optional<double>& high,
                          const char* unit) {
  if (!v) return "-";
  if (!low || !high) return fmt::format("{:.2f}{}", *v, unit);
  return fmt::format("{:.2f}{} [{:.2f}, {:.2f}]", *v, unit, *low, *high);
}

// The parameters' columns, then `figures` (numbers, aligned right), then the status.
TableCells with_header(const ResultTable& table, const std::vector<std::string>& figures) {
  TableCells cells;
  cells.header = table.param_names;
  cells.numeric.assign(table.param_names.size(), false);
  cells.header.insert(cells.header.end(), figures.begin(), figures.end());
  cells.numeric.resize(cells.header.size(), true);
  cells.header.push_back("status");
  cells.numeric.push_back(false);
  return cells;
}

// A kernels file: time per frame in ms (a frame takes a fraction of one), the fps interval, the
// bytes moved per second and their share of the memory bandwidth; no speedups.
TableCells kernel_cells(const ResultTable& table, const std::string& ci) {
  TableCells cells = with_header(table, {"ms/frame", fmt::format("fps [{}]", ci), "GB/s", "bandwidth", "n", "noise"});
  for (const auto& r : table.rows) {
    std::vector<std::string> row = r.params;
    row.push_back(r.median_s ? fmt::format("{:#.4g}", 1e3 * *r.median_s) : "-");
    row.push_back(with_interval(r.fps, r.fps_low, r.fps_high, ""));
    row.push_back(r.bytes_per_second ? fmt::format("{:.2f}", *r.bytes_per_second / 1e9) : "-");
    row.push_back(r.bandwidth_fraction ? fmt::format("{:.1f}%", 100 * *r.bandwidth_fraction) : "-");
    row.push_back(std::to_string(r.repetitions));
    row.push_back(noise_cell(r.noise));
    row.push_back(r.status);
    cells.rows.push_back(std::move(row));
  }
  const auto gb = [](const std::optional<double>& v) { return v ? fmt::format("{:.1f} GB/s", *v / 1e9) : std::string("not recorded"); };
  cells.note = fmt::format("GB/s: the frame read and the result written once per frame; bandwidth: that against the measured memory "
                           "bandwidth ({} on one core, {} on all, for multithreaded cases; for @device rows the device's copy "
                           "bandwidth, for @pipeline rows the transfer bound, 2 x the slower of host-to-device and device-to-host, "
                           "or both ways at once where less).",
                           gb(table.kernels->single_core_bytes_per_s), gb(table.kernels->all_cores_bytes_per_s));
  if (table.kernels->library_debug)
    cells.note += " Google Benchmark reports itself as a DEBUG build (library_build_type in the results): that is how "
                  "libbenchmark itself was compiled (without NDEBUG, as Debian's package is), not framebench; the kernels timed "
                  "are framebench's code, built as framebench_build_type says.";
  return cells;
}

}  // namespace

std::string noise_cell(const std::optional<double>& noise) { return noise ? fmt::format("{:.1f}%", 100 * *noise) : "-"; }

TableCells table_cells(const ResultTable& table) {
  const auto ci = table.confidence ? fmt::format("{} CI", harness::confidence_text(*table.confidence)) : std::string("interval");
  if (table.kernels) return kernel_cells(table, ci);
  std::vector<std::string> figures = {"median time (s)", fmt::format("fps [{}]", ci), fmt::format("speedup [{}]", ci), "n", "noise"};
  if (table.output_sizes) figures.insert(figures.begin() + 3, "output (MB)");
  TableCells cells = with_header(table, figures);
  for (const auto& r : table.rows) {
    std::vector<std::string> row = r.params;
    // Times to four significant digits, trailing zeros kept so that a column reads alike (0.01740
    // beside 0.02265, not 0.0174): a kernel's frame takes a fraction of a millisecond.
    row.push_back(r.median_s ? fmt::format("{:#.4g}", *r.median_s) : "-");
    row.push_back(with_interval(r.fps, r.fps_low, r.fps_high, ""));
    row.push_back(with_interval(r.speedup, r.speedup_low, r.speedup_high, "x"));
    if (table.output_sizes) row.push_back(r.output_bytes ? fmt::format("{:.2f}", *r.output_bytes / 1e6) : "-");
    row.push_back(std::to_string(r.repetitions));
    row.push_back(noise_cell(r.noise));
    row.push_back(r.status);
    cells.rows.push_back(std::move(row));
  }
  if (!table.baseline.empty())
    // The sequential order has no rounds: a case's n-th repetition pairs with the baseline's n-th.
    cells.note = fmt::format("speedup: over {} on the same dataset, kernel, {}, {}.", table.baseline,
                             table.native_over_bgr24 ? "and encoder, its BGR24 run for either pixel format (as files before 5 December 2026 paired them)"
                                                     : "encoder and pixel format",
                             table.order == "sequential" ? "the n-th repetition paired with the baseline's n-th"
                                                         : "paired within each round");
  if (table.output_sizes) cells.note += std::string(cells.note.empty() ? "" : " ") + "output (MB): the output file's size, in 10^6 bytes.";
  // A "-" with no reason read as a fault of framebench (found 6 December 2026 by a review of
  // first use: a --filter that left out the baseline).
  if (table.unpaired > 0 && !table.baseline.empty())
    cells.note += fmt::format(" {} {} no speedup: {} {} case did not run or did not succeed.", table.unpaired,
                              table.unpaired == 1 ? "case shows" : "cases show", table.unpaired == 1 ? "its" : "their", table.baseline);
  return cells;
}

}  // namespace framebench::reports
