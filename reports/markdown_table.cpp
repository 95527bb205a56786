#include <fmt/format.h>

#include "reports/table_export.hpp"

namespace framebench::reports {

namespace {

// A cell's text kept inside its cell: a pipe would end it, a newline the row.
std::string cell(std::string text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string with_interval(const std::optional<double>& v, const std::optional<double>& low, const std::optional<double>& high,
                          const char* unit) {
  if (!v) return "-";
  if (!low || !high) return fmt::format("{:.2f}{}", *v, unit);
  return fmt::format("{:.2f}{} [{:.2f}, {:.2f}]", *v, unit, *low, *high);
}

}  // namespace

std::string markdown_table(const ResultTable& table) {
  const auto ci = table.confidence ? fmt::format("{:.0f}% CI", 100 * *table.confidence) : std::string("interval");
  std::vector<std::string> header = table.param_names;
  for (const auto& h : {std::string("median time (s)"), fmt::format("fps [{}]", ci), fmt::format("speedup [{}]", ci), std::string("n"),
                        std::string("noise"), std::string("status")})
    header.push_back(h);
  std::string out = "|";
  for (const auto& h : header) out += fmt::format(" {} |", cell(h));
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += i < table.param_names.size() || i + 1 == header.size() ? " --- |" : " ---: |";
  out += "\n";
  for (const auto& r : table.rows) {
    out += "|";
    for (const auto& p : r.params) out += fmt::format(" {} |", cell(p));
    out += fmt::format(" {} | {} | {} | {} | {} | {} |\n", r.median_s ? fmt::format("{:.4g}", *r.median_s) : "-",
                       with_interval(r.fps, r.fps_low, r.fps_high, ""), with_interval(r.speedup, r.speedup_low, r.speedup_high, "x"),
                       r.repetitions, r.noise ? fmt::format("{:.1f}%", 100 * *r.noise) : "-", cell(r.status));
  }
  if (!table.baseline.empty())
    out += fmt::format("\nspeedup: over {} on the same dataset, kernel, encoder and pixel format, paired within each round.\n", table.baseline);
  return out;
}

}  // namespace framebench::reports
