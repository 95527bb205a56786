#include "reports/html.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "harness/case_matrix.hpp"
#include "reports/charts/chart_kind.hpp"

namespace framebench::reports {

namespace {

constexpr const char* style = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; max-width: 1150px; margin: 1.5em auto; padding: 0 1em; }
h1 { margin-bottom: .2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
nav ul { columns: 2; font-size: 14px; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 13px; margin: .5em 0; }
th, td { border: 1px solid #ddd; padding: 2px 8px; text-align: left; vertical-align: top; white-space: nowrap; }
td.failed, td.wrap { white-space: normal; }
table.skipped td.wrap { min-width: 32em; }
th { background: #f4f4f4; }
table.kv th { background: none; font-weight: normal; color: #555; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.failed { color: #b3261e; }
.links { font-size: 13px; color: #555; }
pre { background: #f6f6f6; padding: .6em; white-space: pre-wrap; font-size: 12px; }
details { margin: .4em 0; }
)";

std::string esc(std::string_view s) { return html_escape(s); }

bool looks_numeric(const std::string& s) { return finite_number(s).has_value(); }

std::string table_html(const std::vector<std::string>& columns, const std::vector<std::vector<std::string>>& rows,
                       const std::string& table_class = "") {
  std::string out = table_class.empty() ? "<table>\n<tr>" : fmt::format("<table class=\"{}\">\n<tr>", esc(table_class));
  for (const auto& c : columns) out += "<th>" + esc(c) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& cell = row[i];
      // Numbers align right; the last column (status, error, value) may wrap, the others not.
      const char* cls = looks_numeric(cell)             ? " class=\"num\""
                        : cell.starts_with("failed")    ? " class=\"failed\""
                        : i + 1 == row.size()           ? " class=\"wrap\""
                                                        : "";
      out += fmt::format("<td{}>{}</td>", cls, esc(cell));
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

// The SVG as vega wrote it, checked: it is embedded as markup, so it must be one <svg> element
// and nothing that runs.
std::string checked_svg(const std::string& svg, const std::string& id) {
  auto start = svg.find("<svg");
  std::string lower = svg;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (start == std::string::npos || lower.find("<script") != std::string::npos || lower.find("<foreignobject") != std::string::npos ||
      lower.find("javascript:") != std::string::npos)
    throw Error(fmt::format("{}.svg: not a plain SVG chart; refusing to embed it", id));
  return svg.substr(start);
}

// Key-value rows: no header, nothing aligned as numbers (versions are not quantities).
std::string key_value_html(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<table class=\"kv\">\n";
  for (const auto& row : rows) out += fmt::format("<tr><th>{}</th><td class=\"wrap\">{}</td></tr>\n", esc(row.at(0)), esc(row.at(1)));
  return out + "</table>\n";
}

const std::vector<std::pair<std::string, std::string>>& provenance_keys() {
  static const std::vector<std::pair<std::string, std::string>> keys = {
      {"date", "date"},
      {"host_name", "host"},
      {"kind", "kind"},
      {"config_name", "config"},
      {"config_hash", "config hash"},
      {"framebench_version", "framebench version"},
      {"framebench_git_commit", "git commit"},
      {"cpu_model", "CPU"},
      {"cpu_vector_isa", "vector code the CPU kernels run"},
      {"num_cpus", "logical CPUs"},
      {"cpu_cores_available", "cores framebench may use"},
      {"mhz_per_cpu", "MHz per CPU"},
      {"mem_bandwidth_single_core_bytes_per_s", "memory bandwidth, one core (bytes/s)"},
      {"mem_bandwidth_all_cores_bytes_per_s", "memory bandwidth, all cores (bytes/s)"},
      {"gpu_name", "GPU"},
      {"gpu_driver", "GPU driver"},
      {"cuda_version", "CUDA"},
      {"libav_versions", "FFmpeg libraries"},
      {"bgr_conversions", "BGR24 conversions"},
      {"x264_version", "x264"},
      {"ffmpeg_program", "ffmpeg program (the peers')"},
      {"opencv_version", "OpenCV"},
      {"fftw_version", "FFTW"},
      {"tbb_version", "oneTBB"},
      {"compiler", "compiler"},
      {"framebench_build_type", "framebench build"},
      {"library_build_type", "Google Benchmark build"},
      {"order", "order of repetitions"},
      {"seed", "seed"},
      {"confidence", "confidence of intervals"},
      {"max_noise", "noise target"},
      {"baseline", "speedup baseline"},
  };
  return keys;
}

std::string provenance_html(const ResultFile& f) {
  std::string out = fmt::format("<h3>{}</h3>\n", esc(f.path.string()));
  std::vector<std::vector<std::string>> rows;
  for (const auto& [key, label] : provenance_keys())
    if (const auto v = f.context_string(key); !v.empty()) rows.push_back({label, v});
  for (const auto& [key, value] : f.context.items())
    if (key.starts_with("dataset:")) rows.push_back({key + " sha256", f.context_string(key)});
  rows.push_back({"cases", fmt::format("{} ({} failed, {} skipped as unavailable)", f.cases.size(),
                                       std::count_if(f.cases.begin(), f.cases.end(), [](const auto& c) { return c.failed; }),
                                       f.unavailable.size())});
  out += key_value_html(rows);
  std::vector<std::vector<std::string>> all;
  for (const auto& [key, value] : f.context.items())
    if (key != "config_text") all.push_back({key, f.context_string(key)});
  out += "<details><summary>the whole context</summary>\n" + key_value_html(all) + "</details>\n";
  if (const auto config = f.context_string("config_text"); !config.empty())
    out += "<details><summary>the config</summary>\n<pre>" + esc(config) + "</pre></details>\n";
  return out;
}

// Skipped cases, one table per file: the case's parameters in short columns and the reason last,
// in a column wide enough to read (a path and a whole case name in every row squeezed it).
std::string skipped_html(const std::vector<ResultFile>& files) {
  std::string out;
  for (const auto& f : files) {
    if (f.unavailable.empty()) continue;
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : f.unavailable) {
      const auto params = parse_case_name(u.name).params;
      const auto param = [&](const char* key) { return params.contains(key) ? params.at(key) : std::string(); };
      rows.push_back({param("strategy"), param("dataset"), param("kernel"), param("encoder"), param("workers"),
                      harness::scope_text(u.scope, "that"),
                      u.reason});
    }
    out += fmt::format("<p>{}:</p>\n", esc(f.path.string())) +
           table_html({"strategy", "dataset", "kernel", "encoder", "workers", "whose limit", "reason"}, rows, "skipped");
  }
  return out;
}

// A case found in two files of one machine is drawn from the later one: the page says so, not only
// the terminal `report` ran in.
std::string replaced_cases_html(const std::vector<ResultFile>& files) {
  const auto replaced = cases_drawn_from_a_later_file(files);
  if (replaced.empty()) return {};
  std::string out = "<p>Cases found in more than one file of one host; each chart draws the later file's:</p>\n<ul class=\"replaced\">\n";
  for (const auto& line : replaced) out += "<li>" + esc(line) + "</li>\n";
  return out + "</ul>\n";
}

std::string now_utc() {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", fmt::gmtime(t));
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_index_html(const std::vector<ResultFile>& files, const std::vector<Chart>& charts,
                              const std::vector<std::string>& svgs) {
  if (svgs.size() != charts.size()) throw Error("render_index_html: one SVG per chart expected");
  std::vector<std::string> configs;
  for (const auto& f : files)
    if (const auto name = f.context_string("config_name"); !name.empty() && std::find(configs.begin(), configs.end(), name) == configs.end())
      configs.push_back(name);
  std::string config_list;
  for (const auto& c : configs) config_list += (config_list.empty() ? "" : ", ") + c;
  const std::string title = config_list.empty() ? "framebench report" : "framebench report: " + config_list;

  std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", esc(title), style);
  out += fmt::format("<h1>{}</h1>\n<p>{} result file{}, made {}. Each chart is followed by its numbers; its Vega-Lite spec, "
                     "SVG and PNG are beside this page. Provenance of every file is at the end.</p>\n",
                     esc(title), files.size(), files.size() == 1 ? "" : "s", now_utc());

  out += replaced_cases_html(files);
  out += "<nav><ul>\n";
  for (const auto& c : charts) out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", esc(c.id), esc(c.title));
  out += "<li><a href=\"#failed\">Failed and skipped cases</a></li>\n<li><a href=\"#provenance\">Provenance</a></li>\n</ul></nav>\n";
  if (charts.empty()) out += "<p>No chart: these files hold no case that ran successfully.</p>\n";

  for (std::size_t i = 0; i < charts.size(); ++i) {
    const auto& c = charts[i];
    out += fmt::format("<section id=\"{0}\" class=\"chart\" data-kind=\"{1}\">\n<h2>{2}</h2>\n<figure>\n{3}\n</figure>\n", esc(c.id),
                       esc(c.kind->name()), esc(c.title), checked_svg(svgs[i], c.id));
    out += fmt::format("<p class=\"links\">files: <a href=\"{0}.vl.json\">{0}.vl.json</a> · <a href=\"{0}.svg\">{0}.svg</a> · "
                       "<a href=\"{0}.png\">{0}.png</a></p>\n",
                       esc(c.id));
    out += table_html(c.table.columns, c.table.rows);
    if (!c.notes.empty()) {
      out += "<ul class=\"notes\">\n";
      for (const auto& n : c.notes) out += fmt::format("<li{}>{}</li>\n", n.starts_with("failed") ? " class=\"failed\"" : "", esc(n));
      out += "</ul>\n";
    }
    out += "</section>\n";
  }

  out += "<section id=\"failed\">\n<h2>Failed and skipped cases</h2>\n";
  std::vector<std::vector<std::string>> failed;
  for (const auto& f : files)
    for (const auto& c : f.cases)
      if (c.failed) failed.push_back({f.path.string(), c.name, c.failure_text()});
  const auto skipped = skipped_html(files);
  out += failed.empty() ? "<p>No case failed.</p>\n" : "<p class=\"failed\">Failed, not verified or not run (never charted as results):</p>\n" + table_html({"file", "case", "why"}, failed);
  out += skipped.empty() ? "<p>No case was skipped.</p>\n" : "<p>Skipped (never run): that machine lacks what the case needs, the strategy can never do what it asks, or the input rules it out.</p>\n" + skipped;
  out += "</section>\n<section id=\"provenance\">\n<h2>Provenance</h2>\n";
  for (const auto& f : files) out += provenance_html(f);
  out += "</section>\n</body>\n</html>\n";
  return out;
}

}  // namespace framebench::reports
