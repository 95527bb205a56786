#include "reports/render.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "reports/charts.hpp"
#include "reports/charts/common.hpp"
#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using namespace framebench::testing;

// scripts/setup installs the pinned Node packages; these tests need them like others need ffmpeg.
std::filesystem::path reports_dir() {
  const auto dir = find_reports_dir();
  check_renderer(dir);
  return dir;
}

const Chart& chart(const std::vector<Chart>& charts, const std::string& id) {
  for (const auto& c : charts)
    if (c.id == id) return c;
  throw std::runtime_error("no chart " + id);
}

TEST(report_render, reports_dir_is_the_source_tree_unless_overridden) {
  EXPECT_EQ(find_reports_dir(), std::filesystem::path(FRAMEBENCH_SOURCE_DIR) / "reports");
  ASSERT_EQ(setenv("FRAMEBENCH_REPORTS_DIR", "/somewhere/else", 1), 0);
  EXPECT_EQ(find_reports_dir(), std::filesystem::path("/somewhere/else"));
  unsetenv("FRAMEBENCH_REPORTS_DIR");
}

TEST(report_render, missing_node_modules_says_to_run_setup) {
  ScratchDir dir("report-test");
  write_text(dir / "render.mjs", "");
  try {
    check_renderer(dir.path());
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("run scripts/setup"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("vega"), std::string::npos) << e.what();
  }
}

// More charts than one command line holds are drawn in several node calls, every one of them
// (found 6 December 2026 by a sweep of large configs: "Argument list too long", no report).
TEST(report_render, charts_past_one_command_lines_length_are_all_drawn) {
  const auto dir = reports_dir();
  ScratchDir out("report-test");
  // Paths of about 2 KB: 600 pairs are 2.4 MB of arguments, past Linux's 2 MiB for one command.
  std::filesystem::path deep = out.path();
  for (int level = 0; level < 8; ++level) deep /= std::string(250, static_cast<char>('a' + level));
  std::filesystem::create_directories(deep);
  write_text(deep / "point.vl.json",
             R"({"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}})");
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> jobs;
  for (int i = 0; i < 600; ++i) jobs.emplace_back(deep / "point.vl.json", deep / ("chart-" + std::to_string(i) + ".svg"));
  render_svgs(dir, jobs);
  for (const auto& [spec, svg] : jobs) EXPECT_TRUE(std::filesystem::exists(svg)) << svg;
}

TEST(report_render, time_chart_svg_has_one_bar_per_successful_case) {
  const auto dir = reports_dir();
  const auto charts = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  ScratchDir out("report-test");
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> jobs;
  for (const auto& c : charts) {
    write_text(out / (c.id + ".vl.json"), c.spec.dump());
    jobs.emplace_back(out / (c.id + ".vl.json"), out / (c.id + ".svg"));
  }
  render_svgs(dir, jobs);

  const auto svg = read_text(out / "time-testsrc2-720p-box5.svg");
  ASSERT_EQ(svg.rfind("<svg", 0), 0u);
  // Vega marks each bar with aria-roledescription="bar": 8 cases ran and verified, 1 failed.
  EXPECT_EQ(count_of(svg, "aria-roledescription=\"bar\""), 8u);
  EXPECT_NE(svg.find("failed: did not verify"), std::string::npos);
  EXPECT_NE(svg.find(">time (s)<"), std::string::npos);  // the axis title with its unit
  EXPECT_NE(svg.find(">ffmpeg-filter<"), std::string::npos);

  // Speedup: 8 bars and one ideal tick per bar; stages: one segment per non-zero stage.
  const auto speedup = read_text(out / "speedup-testsrc2-720p-box5.svg");
  EXPECT_EQ(count_of(speedup, "aria-roledescription=\"bar\""), 8u);
  EXPECT_EQ(count_of(speedup, "aria-roledescription=\"tick\""), 8u);
  const auto& stages = chart(charts, "stages-testsrc2-720p-box5");
  const auto stage_svg = read_text(out / "stages-testsrc2-720p-box5.svg");
  EXPECT_EQ(count_of(stage_svg, "aria-roledescription=\"bar\""), stages.spec["layer"][0]["data"]["values"].size());
}

// Rows whose labels shared their first 70 characters were drawn alike: vega cut each label at 360
// pixels, before its end or the hash row_label ends a long one with, which tell the rows apart.
TEST(report_render, long_row_labels_are_drawn_to_their_end) {
  const auto dir = reports_dir();
  auto file = load_result_file(fixture("kernels_box_sweep.json"));
  const std::string shared = "a-kernel-named-at-length-" + std::string(45, 'x') + "-";
  const std::map<std::string, std::string> renamed = {
      {"box:3", shared + "three"}, {"box:7", shared + "seven"}, {"box:15", shared + std::string(100, 'y') + "-fifteen"}};
  for (auto& c : file.cases)
    if (renamed.contains(c.param("kernel"))) c.params["kernel"] = renamed.at(c.param("kernel"));
  const auto charts = build_charts({file});
  const auto& throughput = chart(charts, "throughput-1920x1080");
  ScratchDir out("report-test");
  write_text(out / "throughput.vl.json", throughput.spec.dump());
  render_svgs(dir, {{out / "throughput.vl.json", out / "throughput.svg"}});
  const auto svg = read_text(out / "throughput.svg");
  for (const auto& [kernel, label] : renamed) {
    const auto drawn = charts::row_label(label);
    EXPECT_NE(svg.find(">" + drawn + "</text>"), std::string::npos) << drawn;
  }
}

TEST(report_render, png_from_svg) {
  reports_dir();
  ScratchDir out("report-test");
  write_text(out / "x.svg",
             R"(<svg xmlns="http://www.w3.org/2000/svg" width="120" height="50"><rect width="120" height="50" fill="white"/></svg>)");
  svg_to_png(out / "x.svg", out / "x.png", 2.0);
  const auto png = read_text(out / "x.png");
  ASSERT_GT(png.size(), 24u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), 240u);  // IHDR width and height at twice the SVG's size
  EXPECT_EQ(be32(20), 100u);
}

TEST(report_render, renderer_errors_carry_its_message) {
  const auto dir = reports_dir();
  ScratchDir out("report-test");
  write_text(out / "bad.vl.json", R"({"mark": "bar", "data": {"url": "https://example.invalid/x.csv"}})");
  try {
    render_svgs(dir, {{out / "bad.vl.json", out / "bad.svg"}});
    FAIL() << "no Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("data must be inline"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace framebench::reports
