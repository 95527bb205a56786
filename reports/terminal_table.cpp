#include "reports/terminal_table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/result_text.hpp"
#include "reports/table_cells.hpp"

namespace framebench::reports {

std::string terminal_table(const ResultTable& table) {
  TableCells cells = table_cells(table);
  for (auto& row : cells.rows)
    for (auto& c : row) c = single_line_text(c);  // one line per row: a failure's message may hold line breaks
  const std::size_t last = cells.header.size() - 1;  // status, as long as it needs, unpadded
  std::vector<std::size_t> width(cells.header.size());
  for (std::size_t i = 0; i < last; ++i) {
    width[i] = cells.header[i].size();
    for (const auto& row : cells.rows) width[i] = std::max(width[i], row[i].size());
  }
  const auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (std::size_t i = 0; i < last; ++i)
      out += cells.numeric[i] ? fmt::format("{:>{}}  ", row[i], width[i]) : fmt::format("{:<{}}  ", row[i], width[i]);
    return out + row[last] + "\n";
  };
  std::string out = line(cells.header);
  for (const auto& row : cells.rows) out += line(row);
  if (!cells.note.empty()) out += cells.note + "\n";
  return out;
}

}  // namespace framebench::reports
