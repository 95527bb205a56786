#include <cstdlib>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/table_export.hpp"

namespace framebench::reports {

namespace {

bool is_number(const std::string& text) {
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

// Spreadsheets run a cell that begins with = + - @ (or a tab or carriage return before them) as a
// formula: text such as a dataset named "=HYPERLINK(...)" gets a leading apostrophe, which they
// show as text (OWASP's advice for CSV injection). Numbers such as -1 stay as they are.
std::string as_text(const std::string& text) {
  if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos || is_number(text)) return text;
  return "'" + text;
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string field(const std::string& raw) {
  const std::string text = as_text(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string(); }

}  // namespace

std::string csv_table(const ResultTable& table) {
  // A kernels file has no speedups: the bytes per second and their share of the bandwidth instead.
  const bool kernels = table.kernels.has_value();
  std::vector<std::string> header = table.param_names;
  for (const char* h : {"median_time_s", "fps", "fps_ci_low", "fps_ci_high"}) header.push_back(h);
  if (kernels)
    for (const char* h : {"bytes_per_second", "bandwidth_fraction"}) header.push_back(h);
  else
    for (const char* h : {"speedup", "speedup_ci_low", "speedup_ci_high"}) header.push_back(h);
  if (table.output_sizes) header.push_back("output_bytes");
  for (const char* h : {"repetitions", "noise", "status"}) header.push_back(h);
  for (auto& h : header) h = field(h);
  std::string out = fmt::format("{}\r\n", fmt::join(header, ","));
  for (const auto& r : table.rows) {
    std::vector<std::string> cells;
    for (const auto& p : r.params) cells.push_back(field(p));
    for (const auto& v : {r.median_s, r.fps, r.fps_low, r.fps_high}) cells.push_back(number(v));
    if (kernels)
      for (const auto& v : {r.bytes_per_second, r.bandwidth_fraction}) cells.push_back(number(v));
    else
      for (const auto& v : {r.speedup, r.speedup_low, r.speedup_high}) cells.push_back(number(v));
    if (table.output_sizes) cells.push_back(number(r.output_bytes));
    cells.push_back(std::to_string(r.repetitions));
    cells.push_back(number(r.noise));
    cells.push_back(field(r.status));
    out += fmt::format("{}\r\n", fmt::join(cells, ","));
  }
  return out;
}

}  // namespace framebench::reports
