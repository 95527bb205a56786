#include <fmt/format.h>

#include "core/result_text.hpp"
#include "reports/table_cells.hpp"
#include "reports/table_export.hpp"

namespace framebench::reports {

namespace {

// A cell's text kept inside its cell: a pipe would end it, a line break the row (single_line_text
// makes it one line, control characters as text). And kept text: Markdown passes HTML through, so a
// name such as "<img src=x onerror=...>" became live markup wherever the file is rendered (found
// 6 December 2026 by a sweep of the reports). A backslash before each makes it text.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : single_line_text(text)) {
    if (c == '\\' || c == '|' || c == '<' || c == '>') out += '\\';  // a backslash of its own would undo the next one's
    out += c;
  }
  return out;
}

std::string row_text(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += fmt::format(" {} |", cell(c));
  return out + "\n";
}

}  // namespace

std::string markdown_table(const ResultTable& table) {
  const TableCells cells = table_cells(table);
  std::string out = row_text(cells.header) + "|";
  for (const bool numeric : cells.numeric) out += numeric ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& r : cells.rows) out += row_text(r);
  if (!cells.note.empty()) out += fmt::format("\n{}\n", cell(cells.note));  // it names the file's baseline
  return out;
}

}  // namespace framebench::reports
