#include "reports/html.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "reports/charts.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/writer.hpp"
#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using namespace framebench::testing;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

struct BrowserRun {
  std::string dom;
  std::vector<std::string> console;  // every console message: the page has no script, so any is a fault
  std::string log;
};

// Debian's Chromium, headless, offline (every host name fails to resolve), fresh profile; its log
// (console messages included) goes to a file.
BrowserRun open_in_chromium(const std::filesystem::path& html) {
  ScratchDir profile("report-chromium");
  SpawnOptions options;
  options.pipe_stdout = true;
  Subprocess child({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + (profile / "profile").string(),
                    "--enable-logging", "--log-file=" + (profile / "chromium.log").string(), "--v=0", "--dump-dom",
                    "file://" + std::filesystem::absolute(html).string()},
                   options);
  BrowserRun run;
  run.dom = read_to_end(child.stdout_fd());
  child.close_stdout();
  EXPECT_TRUE(child.wait().ok());
  run.log = read_text(profile / "chromium.log");
  std::istringstream err(run.log);
  for (std::string line; std::getline(err, line);)
    if (line.find(":CONSOLE") != std::string::npos) run.console.push_back(line);
  return run;
}

TEST(report_html, escapes_every_string_from_a_result_file) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");

  // A result file whose user-controlled strings are markup, under a file name that is too.
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  result["context"]["config_name"] = "<script>alert('config')</script>";
  result["context"]["host_name"] = "<img src=x onerror=alert(1)>";
  result["context"]["config_text"] = "name = \"</pre><script>alert(2)</script>\"";
  for (auto& b : result["benchmarks"])
    if (b.contains("error_message")) b["error_message"] = "<script>alert('error')</script>";
  ScratchDir dir("report-test");
  write_text(dir / "evil<b>name.json", result.dump());
  const auto index = write_report({dir / "evil<b>name.json"}, dir / "out");
  const auto html = read_text(index);

  EXPECT_EQ(lower(html).find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("evil<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;config&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("evil&lt;b&gt;name.json"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;error&#39;)"), std::string::npos);
  // The failure text inside the chart's SVG is escaped by vega.
  const auto svg = read_text(dir / "out" / "time-testsrc2-720p-box5.svg");
  EXPECT_NE(svg.find("failed: &lt;script&gt;"), std::string::npos);

  // The browser parses it as text: no element was injected.
  const auto run = open_in_chromium(index);
  EXPECT_TRUE(run.console.empty()) << run.console.front();
  EXPECT_EQ(lower(run.dom).find("<script"), std::string::npos);
  EXPECT_EQ(run.dom.find("<img"), std::string::npos);
}

// The conversions the run chose and the FFT library are part of what a figure depends on; the
// results recorded them and the page left them out (found 6 December 2026 by a structure review).
TEST(report_html, provenance_shows_the_conversions_and_libraries_the_run_recorded) {
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  result["context"]["bgr_conversions"] = "to BGR24: libyuv I420ToRGB24";
  result["context"]["fftw_version"] = "fftw-3.3.10-sse2-avx";
  result["context"]["cpu_cores_available"] = "2";
  ScratchDir dir("report-test");
  write_text(dir / "r.json", result.dump());
  const auto html = read_text(write_report({dir / "r.json"}, dir / "out"));
  for (const char* shown : {"<th>BGR24 conversions</th><td class=\"wrap\">to BGR24: libyuv I420ToRGB24</td>",
                            "<th>FFTW</th><td class=\"wrap\">fftw-3.3.10-sse2-avx</td>",
                            "<th>cores framebench may use</th><td class=\"wrap\">2</td>"})
    EXPECT_NE(html.find(shown), std::string::npos) << shown;
}

// A case found in two files of one machine was named on standard error only, where a report
// read later from its folder never shows it.
TEST(report_html, cases_drawn_from_a_later_file_are_listed) {
  auto first = load_result_file(fixture("e2e_quick_host_a.json"));
  auto resumed = first;
  first.path = "run.json";
  resumed.path = "resumed.json";
  const std::vector<ResultFile> files = {first, resumed};
  const auto charts = build_charts(files);
  const auto html = render_index_html(files, charts, std::vector<std::string>(charts.size(), "<svg></svg>"));
  EXPECT_NE(html.find("<li>" + html_escape(first.cases.front().name) + " (host fixture-host-a): drawn from resumed.json, not run.json</li>"),
            std::string::npos)
      << html;
  EXPECT_EQ(render_index_html({first}, build_charts({first}), std::vector<std::string>(build_charts({first}).size(), "<svg></svg>"))
                .find("drawn from"),
            std::string::npos);
}

// The page showed Google Benchmark's "debug" and not framebench's own build type, which is what
// the timed code was built as.
TEST(report_html, provenance_shows_framebenchs_own_build_type) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  file.context["framebench_build_type"] = "Release";
  file.context["library_build_type"] = "debug";
  const auto charts = build_charts({file});
  const auto html = render_index_html({file}, charts, std::vector<std::string>(charts.size(), "<svg></svg>"));
  EXPECT_NE(html.find("<th>framebench build</th><td class=\"wrap\">Release</td>"), std::string::npos);
  EXPECT_NE(html.find("<th>Google Benchmark build</th><td class=\"wrap\">debug</td>"), std::string::npos);
}

TEST(report_html, refuses_to_embed_an_svg_with_a_script) {
  Chart chart;
  chart.id = "x";
  chart.kind = chart_kinds().front();
  chart.title = "x";
  EXPECT_THROW(render_index_html({}, {chart}, {"<svg><script>alert(1)</script></svg>"}), Error);
  EXPECT_THROW(render_index_html({}, {chart}, {"<html></html>"}), Error);
}

TEST(report_html, chromium_console_check_catches_faults) {
  // The check below would be worthless if it could not see a broken page.
  ScratchDir dir("report-test");
  write_text(dir / "broken.html", "<!doctype html><svg><rect width=\"1/\"/></svg><script>console.error('x')</script>");
  const auto run = open_in_chromium(dir / "broken.html");
  EXPECT_EQ(run.console.size(), 2u) << run.log;
}

TEST(report_html, index_opens_offline_in_chromium_with_every_chart_drawn) {
  ScratchDir dir("report-test");
  const std::vector<std::filesystem::path> inputs = {fixture("e2e_quick_host_a.json"), fixture("e2e_quick_host_b.json"),
                                                     fixture("kernels_box_sweep.json")};
  const auto index = write_report(inputs, dir / "report");
  std::vector<ResultFile> files;
  for (const auto& p : inputs) files.push_back(load_result_file(p));
  const auto charts = build_charts(files);
  ASSERT_GE(charts.size(), 9u);

  // Every chart's files are beside index.html.
  for (const auto& c : charts)
    for (const char* ext : {".vl.json", ".svg", ".png"})
      EXPECT_TRUE(std::filesystem::is_regular_file(dir / "report" / (c.id + ext))) << c.id << ext;
  const auto html = read_text(index);
  EXPECT_EQ(lower(html).find("<script"), std::string::npos);  // nothing runs: it is static markup
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org"));  // only XML namespaces, nothing fetched
  EXPECT_EQ(html.find("https://"), std::string::npos);

  const auto run = open_in_chromium(index);
  EXPECT_TRUE(run.console.empty()) << run.console.size() << " console messages, first: " << run.console.front();
  // Each chart's section holds its drawn SVG with marks in it.
  for (const auto& c : charts) {
    const auto start = run.dom.find("<section id=\"" + c.id + "\"");
    ASSERT_NE(start, std::string::npos) << c.id;
    const auto end = run.dom.find("</section>", start);
    const auto section = run.dom.substr(start, end - start);
    EXPECT_EQ(count_of(section, "<svg"), 1u) << c.id;
    EXPECT_NE(section.find("role-mark"), std::string::npos) << c.id;
    EXPECT_NE(section.find("<table>"), std::string::npos) << c.id;
  }
  EXPECT_NE(run.dom.find("fixture-host-b"), std::string::npos);
  EXPECT_NE(run.dom.find("no CUDA device"), std::string::npos);  // skipped cases are listed
}

TEST(report_html, the_ffmpeg_peer_and_skipped_cases_are_explained) {
  // As the real ffmpeg-filter peer records it: no stage time (one external process), and a case
  // skipped with a long reason.
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  for (auto& b : result["benchmarks"])
    if (b["name"].get<std::string>().find("ffmpeg-filter") != std::string::npos)
      for (const char* stage : {"decode_s", "filter_s", "encode_s", "transfer_s", "merge_s"}) b[stage] = 0.0;
  const std::string reason = "opencv's VideoWriter cannot set x264's preset, so it would encode with x264's default (medium) "
                             "instead of ultrafast, and the comparison would not be fair";
  result["context"]["unavailable"] =
      nlohmann::json::array({{{"case", "e2e/strategy:opencv-videoio/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:0"},
                              {"reason", reason},
                              {"scope", "strategy"}}})
          .dump();
  ScratchDir dir("report-test");
  write_text(dir / "peer.json", result.dump());
  const auto index = write_report({dir / "peer.json"}, dir / "out");
  const auto html = read_text(index);

  // The stage chart draws the reason where the bar would be; its table says n/a, not zeros; a note says why.
  EXPECT_NE(read_text(dir / "out" / "stages-testsrc2-720p-box5.svg").find("one external process: stages cannot be split"),
            std::string::npos);
  EXPECT_NE(html.find("<td>ffmpeg-filter · x264-ultrafast</td><td>n/a</td><td>n/a</td>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>ffmpeg-filter · x264-ultrafast: runs as one external process (the ffmpeg CLI), so its decode, filter "
                      "and encode cannot be timed apart"),
            std::string::npos);
  // Skipped cases: short parameter columns, the reason in a wide column of its own.
  EXPECT_NE(html.find("<table class=\"skipped\">\n<tr><th>strategy</th><th>dataset</th><th>kernel</th><th>encoder</th>"
                      "<th>workers</th><th>whose limit</th><th>reason</th></tr>\n"
                      "<tr><td>opencv-videoio</td><td>testsrc2-720p</td><td>box5</td><td>x264-ultrafast</td><td class=\"num\">0</td>"
                      "<td>the strategy cannot do this</td><td class=\"wrap\">" +
                      html_escape(reason) + "</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("table.skipped td.wrap { min-width: 32em; }"), std::string::npos);
  const auto run = open_in_chromium(index);
  EXPECT_TRUE(run.console.empty()) << run.console.front();
  EXPECT_NE(run.dom.find("one external process: stages cannot be split"), std::string::npos);
}

}  // namespace
}  // namespace framebench::reports
