#pragma once
// The summary table's cells as text, as every printer of it shows them (Markdown for documents,
// the aligned text `run` ends with): one rule for each cell's words, the printers only lay them
// out. CSV keeps numbers as numbers and is written from the table itself.
#include <optional>
#include <string>
#include <vector>

#include "reports/result_table.hpp"

namespace framebench::reports {

struct TableCells {
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: numbers, which printers align right
  std::vector<std::vector<std::string>> rows;
  std::string note;  // what the speedups are over; empty without a baseline
};

TableCells table_cells(const ResultTable& table);

// The noise column's cell: "1.2%", or "-" where there is none (one repetition, no interval).
std::string noise_cell(const std::optional<double>& noise);

}  // namespace framebench::reports
