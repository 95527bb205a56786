#include "reports/charts.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "harness/statistics.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/charts/common.hpp"
#include "reports/charts/sweep.hpp"
#include "reports/result_table.hpp"
#include "reports/table_cells.hpp"
#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using charts::fft_crossover;
using charts::kernel_family;
using charts::kernel_size;
using charts::slug;
using framebench::testing::fixture;
using framebench::testing::read_json;
using framebench::testing::read_text;
using nlohmann::json;

const Chart* find_chart(const std::vector<Chart>& charts, const std::string& id) {
  for (const auto& c : charts)
    if (c.id == id) return &c;
  return nullptr;
}

std::vector<std::string> ids(const std::vector<Chart>& charts) {
  std::vector<std::string> out;
  for (const auto& c : charts) out.push_back(c.id);
  return out;
}

// The layer drawing `mark` (the first one).
const json& layer(const Chart& c, const std::string& mark) {
  for (const auto& l : c.spec.at("layer"))
    if (l.at("mark").at("type") == mark) return l;
  throw std::runtime_error(c.id + ": no " + mark + " layer");
}

std::vector<json> layers(const Chart& c, const std::string& mark) {
  std::vector<json> out;
  for (const auto& l : c.spec.at("layer"))
    if (l.at("mark").at("type") == mark) out.push_back(l);
  return out;
}

TEST(report_charts, quick_run_makes_the_charts_its_data_supports) {
  const auto charts = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  // One worker value per strategy: no scaling chart; no kernel cases: no throughput or sweep.
  EXPECT_EQ(ids(charts), (std::vector<std::string>{"time-testsrc2-720p-box5", "speedup-testsrc2-720p-box5",
                                                   "stages-testsrc2-720p-box5"}));
  for (const auto& c : charts) {
    EXPECT_EQ(c.spec.at("$schema"), "https://vega.github.io/schema/vega-lite/v5.json");
    EXPECT_TRUE(std::regex_match(c.id, std::regex("[a-z0-9.-]+"))) << c.id;
  }
}

// Found 5 December 2026 by a hostile-input sweep: a kernel named by 2,500 characters made a title
// rsvg-convert refused to draw ("larger than 32767 pixels"), and `report` exited 1.
TEST(report_charts, a_long_kernel_name_is_cut_in_titles) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  const std::string kernel(2500, 'k');
  for (auto& c : file.cases) c.params["kernel"] = kernel;
  for (const auto& c : build_charts({file})) {
    const auto lines = c.spec.at("title").at("text").get<std::vector<std::string>>();
    EXPECT_EQ(lines.size(), 4u) << c.id;
    for (const auto& line : lines) EXPECT_LE(line.size(), 93u) << line;  // 90 characters and an ellipsis
    EXPECT_TRUE(lines.back().ends_with("\u2026")) << lines.back();
  }
}

// Two machines that both call themselves "vm": a 2-core EPYC and a 16-core Xeon with an H200.
std::pair<ResultFile, ResultFile> two_machines_called_vm() {
  auto epyc = load_result_file(fixture("e2e_quick_host_a.json"));
  auto xeon = load_result_file(fixture("e2e_quick_host_b.json"));
  epyc.context["host_name"] = xeon.context["host_name"] = "vm";
  epyc.context["cpu_model"] = "AMD EPYC";
  epyc.context["num_cpus"] = 2;
  epyc.context["gpu_name"] = "none";
  xeon.context["cpu_model"] = "Intel(R) Xeon(R) Processor";
  xeon.context["num_cpus"] = 16;
  xeon.context["gpu_name"] = "NVIDIA H200";
  return {epyc, xeon};
}

// A title of a machine's label was cut at 90 characters, and with it the label's GPU: a longer
// title goes on in a second line, whole.
TEST(report_charts, a_long_title_wraps_and_keeps_the_machines_gpu) {
  const auto [epyc, xeon] = two_machines_called_vm();
  const auto charts = build_charts({epyc, xeon});
  const auto* c = find_chart(charts, "time-testsrc2-720p-box5-vm-16-cpus-intel-r-xeon-r-processor-nvidia-h200");
  ASSERT_NE(c, nullptr) << ::testing::PrintToString(ids(charts));
  ASSERT_GT(c->title.size(), 90u) << c->title;
  const auto lines = c->spec.at("title").at("text").get<std::vector<std::string>>();
  ASSERT_EQ(lines.size(), 2u) << c->spec.at("title").dump();
  for (const auto& line : lines) EXPECT_LE(line.size(), 90u) << line;
  EXPECT_EQ(lines[0] + " " + lines[1], c->title);
  EXPECT_EQ(lines[1], "(16 CPUs, Intel(R) Xeon(R) Processor, NVIDIA H200)");  // broken outside the parentheses
  // A title that fits one line stays one text.
  EXPECT_TRUE(find_chart(charts, "hosts-e2e")->spec.at("title").at("text").is_string());
}

// Found 5 December 2026 by a review: a kernel named by 4,000 characters labelled its bar whole,
// and rsvg-convert refused the chart. Cut, two such labels stay two rows.
TEST(report_charts, long_row_labels_are_cut_and_stay_apart) {
  const std::string a = std::string(4000, 'k'), b = std::string(3999, 'k') + "j";
  EXPECT_LE(charts::row_label(a).size(), 90u);
  EXPECT_NE(charts::row_label(a), charts::row_label(b));
  EXPECT_EQ(charts::row_label("box5"), "box5");
  const std::string accented = std::string(71, 'x') + "\u00e9" + std::string(100, 'y');  // a 2-byte character across the cut
  const std::string cut = charts::row_label(accented);
  EXPECT_TRUE(cut.starts_with(std::string(71, 'x') + "\u2026")) << cut;
}

// Found 8 December 2026 by a sweep of hostile result files: a host named by 5,000 characters
// coloured its bars whole, and rsvg-convert refused the chart ("larger than 32767 pixels", exit 1),
// as a long kernel's name had. Groups are cut as row labels are, and two such hosts stay two.
TEST(report_charts, long_host_names_are_cut_and_stay_apart) {
  auto a = load_result_file(fixture("e2e_quick_host_a.json"));
  auto b = load_result_file(fixture("e2e_quick_host_b.json"));
  a.context["host_name"] = std::string(5000, 'h');
  b.context["host_name"] = std::string(4999, 'h') + "g";
  const auto charts = build_charts({a, b});
  const auto* hosts = find_chart(charts, "hosts-e2e");
  ASSERT_NE(hosts, nullptr) << ::testing::PrintToString(ids(charts));
  const auto bars = layer(*hosts, "bar");
  const auto names = bars.at("encoding").at("color").at("sort").get<std::vector<std::string>>();
  ASSERT_EQ(names.size(), 2u);
  EXPECT_NE(names[0], names[1]);
  for (const auto& name : names) EXPECT_LE(name.size(), 90u) << name;
  for (const auto& bar : bars.at("data").at("values"))
    EXPECT_NE(std::find(names.begin(), names.end(), bar.at("group").get<std::string>()), names.end()) << bar.dump();
}

// A failed case's words go into the chart's SVG, which XML 1.0 reads strictly: one line, cut
// between characters, no control character or non-character (found 6 December 2026 by a sweep of
// the reports: a message of 60 "é" was cut inside one, and `report` failed, exit 1).
TEST(report_charts, a_failed_cases_words_are_one_line_of_whole_characters) {
  CaseResult c;
  c.failed = true;
  std::string accents;
  for (int i = 0; i < 60; ++i) accents += "\xC3\xA9";
  for (const std::string& message : {accents, std::string("a\nb\tc\x01d\x1b[31me\xEF\xBF\xBF")}) {
    c.error_message = message;
    const std::string text = charts::failed_text(c);
    EXPECT_NO_THROW(json(text).dump()) << "whole UTF-8: " << text;
    EXPECT_LE(text.size(), 78u) << text;
    for (const unsigned char ch : text) EXPECT_GE(ch, 0x20) << text;
    EXPECT_EQ(text.find("\xEF\xBF\xBF"), std::string::npos) << text;
    if (message == accents) {
      EXPECT_TRUE(text.ends_with("\xC3\xA9...")) << "cut after a whole character: " << text;
    }
  }
}

TEST(report_charts, time_chart_bars_error_bars_and_failed_cases) {
  const auto charts = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  EXPECT_EQ(c.kind->name(), "time");
  const auto& bars = layer(c, "bar");
  const auto& enc = bars.at("encoding");
  EXPECT_EQ(enc.at("x").at("field"), "value");
  EXPECT_EQ(enc.at("x").at("type"), "quantitative");
  EXPECT_EQ(enc.at("x").at("title"), "time (s)");
  EXPECT_EQ(enc.at("y").at("field"), "label");
  EXPECT_EQ(enc.at("yOffset").at("field"), "group");
  EXPECT_EQ(enc.at("color").at("title"), "encoder");
  EXPECT_EQ(enc.at("color").at("sort"), json({"x264-ultrafast", "ffv1"}));

  // 6 x264 cases of which in-memory failed, 3 ffv1 cases: 8 bars, the failed one never a bar.
  const auto& values = bars.at("data").at("values");
  ASSERT_EQ(values.size(), 8u);
  for (const auto& v : values) EXPECT_NE(v.at("label"), "in-memory");
  const auto& failed = layer(c, "text").at("data").at("values");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].at("label"), "in-memory");
  EXPECT_EQ(failed[0].at("text").get<std::string>().rfind("failed: did not verify", 0), 0u);
  EXPECT_EQ(c.notes.size(), 1u);

  // Medians in seconds, error bars from min to max.
  const auto& first = values[0];
  EXPECT_EQ(first.at("label"), "single-core");
  EXPECT_EQ(first.at("group"), "x264-ultrafast");
  EXPECT_NEAR(first.at("value").get<double>(), 10.2, 1e-9);
  const auto& rule = layer(c, "rule");
  EXPECT_EQ(rule.at("encoding").at("x").at("field"), "lo");
  EXPECT_EQ(rule.at("encoding").at("x2").at("field"), "hi");
  EXPECT_NEAR(rule.at("data").at("values")[0].at("lo").get<double>(), 10.0, 1e-9);
  EXPECT_NEAR(rule.at("data").at("values")[0].at("hi").get<double>(), 10.4, 1e-9);

  // Fastest first, the failed case after them, the two skipped ones last.
  const auto order = enc.at("y").at("sort").get<std::vector<std::string>>();
  EXPECT_EQ(order.front(), "ffmpeg-filter");
  EXPECT_EQ(order, (std::vector<std::string>{"ffmpeg-filter", "multiprocess-segments", "tbb-pipeline", "piped-ffmpeg", "single-core",
                                             "in-memory", "cuda-global", "cuda-shared"}));

  ASSERT_EQ(c.table.rows.size(), 11u);
  EXPECT_EQ(c.table.columns[3], "median (s)");
}

TEST(report_charts, speedup_over_single_core_with_ideal_ticks) {
  const auto charts = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  const auto& c = *find_chart(charts, "speedup-testsrc2-720p-box5");
  const auto& bars = layer(c, "bar");
  EXPECT_EQ(bars.at("encoding").at("x").at("title"), "speedup over single-core (x)");
  std::map<std::pair<std::string, std::string>, double> speedup;
  for (const auto& v : bars.at("data").at("values")) speedup[{v.at("label"), v.at("group")}] = v.at("value");
  EXPECT_DOUBLE_EQ((speedup[{"single-core", "x264-ultrafast"}]), 1.0);
  EXPECT_NEAR((speedup[{"multiprocess-segments", "x264-ultrafast"}]), 10.2 / 5.5, 1e-9);
  EXPECT_NEAR((speedup[{"multiprocess-segments", "ffv1"}]), 12.1 / 6.3, 1e-9);  // same encoder's baseline
  EXPECT_FALSE((speedup.contains({"in-memory", "x264-ultrafast"})));
  // Ideal = the workers the case used (counter), 2 here though the config said 0 (all).
  for (const auto& t : layer(c, "tick").at("data").at("values"))
    EXPECT_DOUBLE_EQ(t.at("tick").get<double>(), t.at("label") == "single-core" ? 1.0 : 2.0);
  const auto rules = layers(c, "rule");
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_DOUBLE_EQ(rules[0].at("data").at("values")[0].at("x").get<double>(), 1.0);
}

TEST(report_charts, stage_breakdown_from_the_median_repetition) {
  const auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  const auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "stages-testsrc2-720p-box5");
  const auto& bars = layer(c, "bar");
  EXPECT_EQ(bars.at("encoding").at("x").at("title"), "busy time (s)");
  EXPECT_EQ(bars.at("encoding").at("x").at("stack"), "zero");
  EXPECT_EQ(bars.at("encoding").at("color").at("field"), "stage");
  // Pipeline order; stages that are zero everywhere are left out.
  EXPECT_EQ(bars.at("encoding").at("color").at("sort"), json({"decode", "filter", "transfer", "encode", "merge"}));
  const auto& single = file.cases[0];
  const auto* median_rep = single.median_repetition();
  bool found = false;
  for (const auto& v : bars.at("data").at("values"))
    if (v.at("label") == "single-core · x264-ultrafast" && v.at("stage") == "encode") {
      EXPECT_DOUBLE_EQ(v.at("seconds").get<double>(), median_rep->counters.at("encode_s"));
      found = true;
    }
  EXPECT_TRUE(found);
  for (const auto& v : bars.at("data").at("values")) EXPECT_GT(v.at("seconds").get<double>(), 0);
  const auto& wall = layer(c, "tick").at("data").at("values");
  EXPECT_EQ(wall.size(), 8u);
  EXPECT_EQ(layer(c, "text").at("data").at("values").size(), 1u);
}

// Found 6 December 2026 by a review: mpi-segments' per-rank split of its stages was stacked on
// top of the stages themselves.
TEST(report_charts, stage_breakdown_stacks_the_stages_alone_not_other_seconds_counters) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  for (auto& c : file.cases)
    for (auto& r : c.repetitions) r.counters["rank0_decode_s"] = r.counters["rank1_encode_s"] = 5;
  const auto charts = build_charts({file});
  const auto& bars = layer(*find_chart(charts, "stages-testsrc2-720p-box5"), "bar");
  EXPECT_EQ(bars.at("encoding").at("color").at("sort"), json({"decode", "filter", "transfer", "encode", "merge"}));
  for (const auto& v : bars.at("data").at("values")) EXPECT_NE(v.at("seconds").get<double>(), 5) << v.dump();
}

TEST(report_charts, scaling_chart_only_with_several_worker_counts) {
  const auto charts = build_charts({load_result_file(fixture("e2e_scaling.json"))});
  const auto* c = find_chart(charts, "scaling-testsrc2-720p-box5-x264-ultrafast");
  ASSERT_NE(c, nullptr) << ::testing::PrintToString(ids(charts));
  const auto& line = layer(*c, "line");
  EXPECT_EQ(line.at("encoding").at("x").at("title"), "workers (CPU cores)");
  EXPECT_EQ(line.at("encoding").at("y").at("title"), "frames per second");
  EXPECT_EQ(line.at("encoding").at("color").at("field"), "strategy");
  const auto& points = c->spec.at("data").at("values");
  EXPECT_EQ(points.size(), 7u);
  std::set<int> workers;
  for (const auto& p : points) workers.insert(p.at("workers").get<int>());
  EXPECT_EQ(workers, (std::set<int>{1, 2, 4}));
  // With several worker counts per strategy, labels say how many.
  const auto& time = *find_chart(charts, "time-testsrc2-720p-box5");
  const auto order = layer(time, "bar").at("encoding").at("y").at("sort").get<std::vector<std::string>>();
  EXPECT_NE(std::find(order.begin(), order.end(), "tbb-pipeline · 4 workers"), order.end());
  EXPECT_NE(std::find(order.begin(), order.end(), "single-core"), order.end());
}

// Every chart's table lists the cases it shows, as the time chart's did: the speedup, stages and
// throughput tables had no row for a failed or skipped case (found 6 December 2026).
TEST(report_charts, every_tables_rows_hold_the_failed_and_skipped_cases_with_why) {
  const auto row_of = [](const Chart& c, const std::vector<std::string>& keys) -> const std::vector<std::string>* {
    for (const auto& row : c.table.rows)
      if (std::equal(keys.begin(), keys.end(), row.begin())) return &row;
    return nullptr;
  };
  const auto e2e = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  const auto& speedup = *find_chart(e2e, "speedup-testsrc2-720p-box5");
  ASSERT_EQ(speedup.table.columns.back(), "status");
  const auto* failed = row_of(speedup, {"in-memory", "x264-ultrafast"});
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->size(), speedup.table.columns.size());
  EXPECT_TRUE(failed->back().starts_with("failed: did not verify")) << failed->back();
  EXPECT_EQ((*failed)[3], "") << "no speedup for it";
  const auto& time = *find_chart(e2e, "time-testsrc2-720p-box5");
  ASSERT_EQ(time.table.columns.back(), "status");
  for (const auto& row : time.table.rows) EXPECT_EQ(row.size(), time.table.columns.size());
  const auto* failed_time = row_of(time, {"in-memory", "x264-ultrafast"});
  ASSERT_TRUE(failed_time);
  EXPECT_TRUE(failed_time->back().starts_with("failed: did not verify")) << failed_time->back();
  EXPECT_EQ((*failed_time)[3], "") << "no time for it";
  const auto& stages = *find_chart(e2e, "stages-testsrc2-720p-box5");
  ASSERT_EQ(stages.table.columns.back(), "status");
  for (const auto& row : stages.table.rows) EXPECT_EQ(row.size(), stages.table.columns.size());
  EXPECT_TRUE(std::any_of(stages.table.rows.begin(), stages.table.rows.end(),
                          [](const auto& row) { return row.back().starts_with("failed: did not verify"); }));

  const auto kernels = build_charts({load_result_file(fixture("kernels_box_sweep.json"))});
  const auto& throughput = kernels[0];
  ASSERT_EQ(throughput.table.columns.back(), "status");
  const auto* opencv = row_of(throughput, {"box:31", "opencv"});
  ASSERT_TRUE(opencv);
  EXPECT_TRUE(opencv->back().starts_with("failed")) << opencv->back();
  EXPECT_EQ(throughput.table.rows.size(), 16u);  // 15 measured, 1 failed
}

TEST(report_charts, kernel_throughput_with_bandwidth_roofline) {
  const auto charts = build_charts({load_result_file(fixture("kernels_box_sweep.json"))});
  EXPECT_EQ(ids(charts), (std::vector<std::string>{"throughput-1920x1080", "sweep-1920x1080-box"}));
  const auto& c = charts[0];
  const auto& bars = layer(c, "bar");
  EXPECT_EQ(bars.at("encoding").at("x").at("title"), "throughput (GB/s)");
  EXPECT_EQ(bars.at("encoding").at("y").at("sort"), json({"box:3", "box:7", "box:15", "box:31"}));
  EXPECT_EQ(bars.at("data").at("values").size(), 15u);  // 16 cases, opencv at 31 failed
  // fast, box:3: 1920*1080*3*2 bytes per 2 ms.
  for (const auto& v : bars.at("data").at("values"))
    if (v.at("label") == "box:3" && v.at("group") == "fast") {
      EXPECT_NEAR(v.at("value").get<double>(), 1920.0 * 1080 * 6 / 0.002 / 1e9, 1e-9);
    }
  std::vector<double> roofline;
  for (const auto& r : layers(c, "rule"))
    if (r.at("data").at("values")[0].contains("rule")) roofline.push_back(r.at("data").at("values")[0].at("x"));
  EXPECT_EQ(roofline, (std::vector<double>{20.0, 12.0}));
  // Texts: a label per roofline, then the failed case.
  const auto texts = layers(c, "text");
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0].at("data").at("values")[0].at("rule"), "all cores");
  EXPECT_EQ(texts[2].at("data").at("values")[0].at("group"), "opencv");
}

// A real `framebench kernels --pixel-format bgr24 --pixel-format native` file: the native path's
// planes get a chart of their own, and the table a pixel_format column.
TEST(report_charts, kernel_native_cases_get_their_own_chart) {
  const auto file = load_result_file(fixture("kernels_native_real.json"));
  const auto charts = build_charts({file});
  EXPECT_EQ(ids(charts), (std::vector<std::string>{"throughput-64x36", "throughput-64x36-native"}));
  EXPECT_EQ(charts[1].title, "Kernel throughput: 64x36 yuv420p planes (native path)");
  EXPECT_EQ(layer(charts[1], "bar").at("data").at("values").size(), 2u);  // cpu-fast and tbb-rows
  const auto table = result_table(file);
  EXPECT_EQ(table.param_names, (std::vector<std::string>{"impl", "kernel", "size", "threads", "pixel_format"}));
  std::multiset<std::string> formats;
  for (const auto& row : table.rows) formats.insert(row.params.back());
  EXPECT_EQ(formats, (std::multiset<std::string>{"bgr24", "bgr24", "native", "native"}));
}

TEST(report_charts, kernel_size_sweep_marks_the_fft_crossover) {
  const auto charts = build_charts({load_result_file(fixture("kernels_box_sweep.json"))});
  const auto& c = *find_chart(charts, "sweep-1920x1080-box");
  const auto& line = layer(c, "line");
  EXPECT_EQ(line.at("encoding").at("x").at("field"), "k");
  EXPECT_EQ(line.at("encoding").at("y").at("title"), "time per frame (ms)");
  EXPECT_EQ(line.at("encoding").at("y").at("scale").at("type"), "log");
  // fft beats the fastest direct implementation (fast; opencv is a peer) at 15 and 31, not at 7.
  const auto& rule = layer(c, "rule");
  EXPECT_EQ(rule.at("data").at("values")[0].at("k"), 15);
  EXPECT_EQ(c.notes.size(), 2u);  // the crossover and opencv's failure
  for (const auto& p : line.at("data").at("values"))
    if (p.at("impl") == "reference" && p.at("k") == 31) {
      EXPECT_NEAR(p.at("ms").get<double>(), 950, 1e-9);
    }
}

TEST(report_charts, several_hosts_get_their_own_charts_and_a_comparison) {
  const auto charts =
      build_charts({load_result_file(fixture("e2e_quick_host_a.json")), load_result_file(fixture("e2e_quick_host_b.json"))});
  const auto names = ids(charts);
  EXPECT_NE(std::find(names.begin(), names.end(), "time-testsrc2-720p-box5-fixture-host-a"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "time-testsrc2-720p-box5-fixture-host-b"), names.end());
  const auto* hosts = find_chart(charts, "hosts-e2e");
  ASSERT_NE(hosts, nullptr);
  const auto& bars = layer(*hosts, "bar");
  EXPECT_EQ(bars.at("encoding").at("color").at("title"), "host");
  EXPECT_EQ(bars.at("encoding").at("color").at("sort"), json({"fixture-host-a", "fixture-host-b"}));
  // 8 cases on both hosts; in-memory failed on A (a text, not a bar) and ran on B.
  EXPECT_EQ(bars.at("data").at("values").size(), 15u);
  EXPECT_EQ(layer(*hosts, "text").at("data").at("values").size(), 1u);
  std::set<std::string> rows;
  for (const auto& v : bars.at("data").at("values")) rows.insert(v.at("label"));
  EXPECT_EQ(rows.size(), 8u);
  EXPECT_TRUE(rows.contains("in-memory · x264-ultrafast · all cores"));  // failed on A, ran on B: one row
  for (const auto& v : bars.at("data").at("values")) {
    EXPECT_EQ(v.at("label").get<std::string>().find("piped-ffmpeg"), std::string::npos);  // only on A
    EXPECT_EQ(v.at("label").get<std::string>().find("opencv-videoio"), std::string::npos);  // only on B
  }
  // Labels hold only what differs between the cases.
  EXPECT_EQ(hosts->spec.at("title").at("subtitle")[1], "rows: strategy · encoder · workers");
  EXPECT_EQ(bars.at("data").at("values")[0].at("label"), "single-core · x264-ultrafast · 1 worker");
  EXPECT_EQ(find_chart(charts, "hosts-kernels"), nullptr);
}

// Two machines that both call themselves "vm" (a 2-core EPYC, a 16-core Xeon with an H200) were
// drawn as one host, the later file's cases over the earlier's.
TEST(report_charts, machines_sharing_a_host_name_are_told_apart) {
  auto [epyc, xeon] = two_machines_called_vm();
  const auto charts = build_charts({epyc, xeon});
  const auto names = ids(charts);
  EXPECT_NE(std::find(names.begin(), names.end(), "time-testsrc2-720p-box5-vm-2-cpus-amd-epyc"), names.end())
      << ::testing::PrintToString(names);
  EXPECT_NE(std::find(names.begin(), names.end(), "time-testsrc2-720p-box5-vm-16-cpus-intel-r-xeon-r-processor-nvidia-h200"), names.end());
  const auto* hosts = find_chart(charts, "hosts-e2e");
  ASSERT_NE(hosts, nullptr);
  EXPECT_EQ(layer(*hosts, "bar").at("encoding").at("color").at("sort"),
            json({"vm (2 CPUs, AMD EPYC)", "vm (16 CPUs, Intel(R) Xeon(R) Processor, NVIDIA H200)"}));
  EXPECT_TRUE(cases_drawn_from_a_later_file({epyc, xeon}).empty());
  // One machine's files keep its plain name, and their shared cases are one host's.
  auto again = epyc;
  again.path = "again.json";
  const auto one = build_charts({epyc, again});
  EXPECT_NE(find_chart(one, "time-testsrc2-720p-box5"), nullptr) << ::testing::PrintToString(ids(one));
  EXPECT_FALSE(cases_drawn_from_a_later_file({epyc, again}).empty());
}

// Two KVM guests that both call themselves "vm" on 2 CPUs of an "AMD EPYC", one with AVX-512 and one
// without, whose CPU kernels ran other code: told apart by the code they ran (found 8 December
// 2026: cpu-fast led opencv-sep by 1.4-1.9x on the one, not at all on the other).
TEST(report_charts, machines_alike_but_for_their_vector_code_are_told_apart) {
  auto wide = load_result_file(fixture("e2e_quick_host_a.json"));
  auto narrow = wide;
  narrow.path = "narrow.json";
  wide.context["cpu_vector_isa"] = "x86-64-v4 (AVX-512)";
  narrow.context["cpu_vector_isa"] = "x86-64-v3 (AVX2)";
  const auto charts = build_charts({wide, narrow});
  const auto* hosts = find_chart(charts, "hosts-e2e");
  ASSERT_NE(hosts, nullptr) << ::testing::PrintToString(ids(charts));
  const auto names = layer(*hosts, "bar").at("encoding").at("color").at("sort");
  ASSERT_EQ(names.size(), 2u) << names.dump();
  EXPECT_NE(names[0].get<std::string>().find("x86-64-v4 (AVX-512)"), std::string::npos) << names.dump();
  EXPECT_NE(names[1].get<std::string>().find("x86-64-v3 (AVX2)"), std::string::npos) << names.dump();
  EXPECT_TRUE(cases_drawn_from_a_later_file({wide, narrow}).empty());
}

TEST(report_charts, files_of_one_host_merge_without_overlapping_bars) {
  // quick ran multiprocess-segments with workers = 0 (all: 2), scaling with 1, 2 and 4.
  const auto charts =
      build_charts({load_result_file(fixture("e2e_quick_host_a.json")), load_result_file(fixture("e2e_scaling.json"))});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& v : layer(c, "bar").at("data").at("values"))
    EXPECT_TRUE(seen.emplace(v.at("label"), v.at("group")).second) << v.dump();
  EXPECT_TRUE(seen.contains({"multiprocess-segments · all 2 cores", "x264-ultrafast"}));
  EXPECT_TRUE(seen.contains({"multiprocess-segments · 2 workers", "x264-ultrafast"}));
  EXPECT_TRUE(seen.contains({"tbb-pipeline · 1 worker", "x264-ultrafast"}));
  EXPECT_EQ(layer(c, "bar").at("encoding").at("x").at("stack"), nullptr);  // bars never add up
  EXPECT_EQ(c.spec.at("title").at("subtitle")[0].get<std::string>().rfind("median wall time of 3 to 5 repetitions", 0), 0u);
}

TEST(report_charts, nothing_to_chart_when_everything_failed) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  for (auto& c : file.cases) {
    c.failed = true;
    c.error_message = "boom";
  }
  EXPECT_TRUE(build_charts({file}).empty());
}

TEST(report_charts, kernel_names_sizes_and_crossover) {
  EXPECT_EQ(kernel_size("box5"), 5);
  EXPECT_EQ(kernel_size("box:15"), 15);
  EXPECT_EQ(kernel_size("gaussian:15:2.5"), 15);
  EXPECT_EQ(kernel_size("sharpen3"), 3);
  EXPECT_EQ(kernel_size("custom:1,2,1"), std::nullopt);
  EXPECT_EQ(kernel_size("custom"), std::nullopt);
  EXPECT_EQ(kernel_family("box5"), "box");
  EXPECT_EQ(kernel_family("gaussian:15"), "gaussian");
  EXPECT_EQ(kernel_family("gaussian:15:2.5"), "gaussian:K:2.5");  // a sigma of its own: another family
  EXPECT_NE(kernel_family("gaussian:9:1"), kernel_family("gaussian:9:8"));
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 5}, {15, 5}}, {{3, 1}, {7, 6}, {15, 20}}), 7);
  // Faster at 7 but slower again at 15: it does not *stay* faster until 31.
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 5}, {15, 25}, {31, 30}}, {{3, 1}, {7, 6}, {15, 20}, {31, 80}}), 31);
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 9}}, {{3, 1}, {7, 6}}), std::nullopt);
  EXPECT_EQ(slug("Time: <x>/y Z"), "time-x-y-z");
  // Found by a hostile-input sweep: a 244-character dataset name made a chart file name past 255
  // bytes, and report failed. Long ids are cut, and two that share their start stay apart.
  const std::string long_a = "time-" + std::string(244, 'a') + "-box5", long_b = "time-" + std::string(244, 'a') + "-box7";
  EXPECT_LE(slug(long_a).size(), 96u);
  EXPECT_TRUE(slug(long_a).starts_with("time-aaaa")) << slug(long_a);
  EXPECT_NE(slug(long_a), slug(long_b));
  EXPECT_EQ(slug(long_a), slug(long_a));
}

// The text layer of the noisy/disturbed marks, or null.
const json* flag_layer(const Chart& c) {
  for (const auto& l : c.spec.at("layer"))
    if (l.at("mark").at("type") == "text" && l.at("encoding").at("text").at("field") == "flag") return &l;
  return nullptr;
}

// label -> {lo, hi} of the error bars.
std::map<std::string, std::pair<double, double>> error_bars(const Chart& c) {
  std::map<std::string, std::pair<double, double>> out;
  for (const auto& v : layer(c, "rule").at("data").at("values")) out[v.at("label")] = {v.at("lo"), v.at("hi")};
  return out;
}

bool has_note(const Chart& c, const std::string& start) {
  return std::any_of(c.notes.begin(), c.notes.end(), [&](const std::string& n) { return n.rfind(start, 0) == 0; });
}

// A case as a failed one is read back: an error, no repetition.
void fail(CaseResult& c, const std::string& why) {
  c.failed = true;
  c.error_message = why;
  c.repetitions.clear();
  c.aggregates.clear();
  c.statistics.reset();
}

std::vector<std::string> colour_domain(const Chart& c) {
  return layer(c, "bar").at("encoding").at("color").at("scale").at("domain").get<std::vector<std::string>>();
}

TEST(report_charts, time_error_bars_are_the_confidence_intervals) {
  const auto file = load_result_file(fixture("e2e_intervals_old.json"));
  const auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  const auto bars = error_bars(c);
  ASSERT_EQ(bars.size(), 5u);
  for (const auto& cr : file.cases) {
    // 9 repetitions at 90%: from the 2nd to the 8th shortest time, which are frames / fps_ci_high
    // and frames / fps_ci_low.
    auto t = cr.times_s();
    std::sort(t.begin(), t.end());
    const auto& [lo, hi] = bars.at(cr.param("strategy"));
    EXPECT_NEAR(lo, t[1], 1e-12 * t[1]) << cr.name;
    EXPECT_NEAR(hi, t[7], 1e-12 * t[7]) << cr.name;
    EXPECT_NEAR(lo, 300 / cr.statistics->fps.high, 1e-12 * lo) << cr.name;
  }
  EXPECT_NE(c.spec.at("title").at("subtitle")[0].get<std::string>().find("error bars: 90% confidence interval of the median;"),
            std::string::npos)
      << c.spec.at("title").dump();
  // Bars of too few repetitions to reach 90% say how much they cover (found 6 December 2026 by a
  // review of first use: [min, max] of 3, 75%, was called a 90% interval).
  auto few = file;
  few.cases.front().statistics->coverage = 0.75;
  const auto few_charts = build_charts({few});
  EXPECT_NE(find_chart(few_charts, "time-testsrc2-720p-box5")->spec.at("title").at("subtitle")[0].get<std::string>().find(
                "90% confidence interval of the median (75% or more where too few repetitions reach it)"),
            std::string::npos)
      << find_chart(few_charts, "time-testsrc2-720p-box5")->spec.at("title").dump();
  // The status last, as in every chart's table, the noise before it.
  ASSERT_EQ(c.table.columns.back(), "status");
  ASSERT_EQ(c.table.columns[c.table.columns.size() - 2], "noise");
  // The noise column is the figure `summary` shows (the recorded fps interval's), not the inverted time interval's.
  for (const auto& row : c.table.rows) {
    const auto& cr = *std::find_if(file.cases.begin(), file.cases.end(), [&](const auto& x) { return x.param("strategy") == row[0]; });
    EXPECT_EQ(row[row.size() - 2], fmt::format("{:.1f}%", 100 * cr.statistics->noise)) << row[0];
  }
}

// The report's noise column disagreed with `summary`'s: another interval's, and 0.0% for one
// repetition where summary says "-".
TEST(report_charts, time_table_noise_is_summarys) {
  auto file = load_result_file(fixture("e2e_intervals_old.json"));
  file.cases[1].repetitions.resize(1);  // multiprocess-segments
  const auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  const auto summary = table_cells(result_table(file));
  ASSERT_EQ(summary.header[summary.header.size() - 2], "noise");
  for (const auto& row : c.table.rows) {
    const auto same = std::find_if(summary.rows.begin(), summary.rows.end(), [&](const auto& r) { return r[0] == row[0]; });
    ASSERT_NE(same, summary.rows.end()) << row[0];
    EXPECT_EQ(row[row.size() - 2], (*same)[same->size() - 2]) << row[0];
    if (row[0] == "multiprocess-segments") {
      EXPECT_EQ(row[row.size() - 2], "-");
    }
  }
}

TEST(report_charts, noisy_and_disturbed_cases_are_marked) {
  const auto charts = build_charts({load_result_file(fixture("e2e_intervals_old.json"))});
  for (const char* id : {"time-testsrc2-720p-box5", "speedup-testsrc2-720p-box5"}) {
    const auto& c = *find_chart(charts, id);
    const auto* flags = flag_layer(c);
    ASSERT_NE(flags, nullptr) << id;
    std::map<std::string, std::string> flag;
    for (const auto& v : flags->at("data").at("values")) flag[v.at("label")] = v.at("flag");
    EXPECT_EQ(flag, (std::map<std::string, std::string>{{"piped-ffmpeg", "noisy"}, {"ffmpeg-filter", "disturbed"}})) << id;
    // Beside the bar's error bar, not over it.
    for (const auto& v : flags->at("data").at("values"))
      EXPECT_DOUBLE_EQ(v.at("at").get<double>(), error_bars(c).at(v.at("label")).second) << id;
    // Marked bars are drawn lighter.
    const auto& bar = layer(c, "bar");
    EXPECT_EQ(bar.at("encoding").at("opacity").at("condition").at("test"), "datum.flag") << id;
    for (const auto& v : bar.at("data").at("values")) EXPECT_EQ(v.at("flag"), flag.contains(v.at("label")) ? flag[v.at("label")] : "");
    EXPECT_TRUE(has_note(c, "noisy: e2e/strategy:piped-ffmpeg/")) << id;
    EXPECT_TRUE(has_note(c, "disturbed: e2e/strategy:ffmpeg-filter/")) << id;
    EXPECT_FALSE(has_note(c, "noisy: e2e/strategy:tbb-pipeline/")) << id;
  }
  const auto& time = *find_chart(charts, "time-testsrc2-720p-box5");
  for (const auto& row : time.table.rows)
    EXPECT_EQ(row.back(), row[0] == "piped-ffmpeg" ? "noisy" : row[0] == "ffmpeg-filter" ? "disturbed" : "ok");
}

TEST(report_charts, speedup_is_the_paired_median_with_its_interval) {
  const auto charts = build_charts({load_result_file(fixture("e2e_intervals_old.json"))});
  const auto& c = *find_chart(charts, "speedup-testsrc2-720p-box5");
  std::map<std::string, double> value;
  for (const auto& v : layer(c, "bar").at("data").at("values")) value[v.at("label")] = v.at("value");
  const auto bars = error_bars(c);
  // As the file has them, not as the parser read them.
  const auto root = read_json(fixture("e2e_intervals_old.json"));
  std::size_t checked = 0;
  for (const auto& e : root.at("benchmarks")) {
    if (e.at("run_type") != "iteration" || e.at("repetition_index") != 0) continue;
    const auto name = e.at("name").get<std::string>();
    const auto strategy = name.substr(name.find("strategy:") + 9, name.find('/', name.find("strategy:")) - name.find("strategy:") - 9);
    EXPECT_EQ(value.at(strategy), e.at("speedup").get<double>()) << strategy;
    EXPECT_EQ(bars.at(strategy).first, e.at("speedup_ci_low").get<double>()) << strategy;
    EXPECT_EQ(bars.at(strategy).second, e.at("speedup_ci_high").get<double>()) << strategy;
    ++checked;
  }
  EXPECT_EQ(checked, 5u);
  // Paired per round, not the ratio of the medians (10 s / 6.1 s).
  EXPECT_GT(std::abs(value.at("tbb-pipeline") - 10.0 / 6.1), 1e-3);
  EXPECT_LT(bars.at("tbb-pipeline").first, value.at("tbb-pipeline"));
  EXPECT_GT(bars.at("tbb-pipeline").second, value.at("tbb-pipeline"));
  EXPECT_EQ(c.spec.at("title").at("subtitle")[0].get<std::string>().rfind("median of per-round ratios", 0), 0u);
  EXPECT_EQ(c.title, "Speedup over single-core: testsrc2-720p, box5");
}

TEST(report_charts, a_case_without_an_interval_keeps_min_to_max) {
  auto file = load_result_file(fixture("e2e_intervals_old.json"));
  file.cases[1].statistics.reset();  // multiprocess-segments
  const auto charts = build_charts({file});
  const auto& time = *find_chart(charts, "time-testsrc2-720p-box5");
  const auto t = file.cases[1].times_s();
  EXPECT_EQ(error_bars(time).at("multiprocess-segments"), std::make_pair(charts::min_of(t), charts::max_of(t)));
  EXPECT_NE(time.spec.at("title").at("subtitle")[0].get<std::string>().find("90% confidence interval of the median, else min to max"),
            std::string::npos);
  // Its speedup is the ratio of medians again, without error bars.
  const auto& speedup = *find_chart(charts, "speedup-testsrc2-720p-box5");
  EXPECT_FALSE(error_bars(speedup).contains("multiprocess-segments"));
  for (const auto& v : layer(speedup, "bar").at("data").at("values"))
    if (v.at("label") == "multiprocess-segments") {
      EXPECT_DOUBLE_EQ(v.at("value").get<double>(), harness::median(file.cases[0].times_s()) / harness::median(t));
    }
}

// Charts of files without intervals are byte for byte those in docs/results, drawn before
// intervals existed.
TEST(report_charts, old_result_files_draw_the_same_charts_as_before) {
  const auto results = std::filesystem::path(FRAMEBENCH_SOURCE_DIR) / "docs" / "results";
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(results)) {
    const auto report = results / (entry.path().stem().string() + "-report");
    if (entry.path().extension() != ".json" || !std::filesystem::is_directory(report)) continue;
    const auto charts = build_charts({load_result_file(entry.path())});
    std::set<std::string> drawn, expected;
    for (const auto& c : charts) {
      drawn.insert(c.id + ".vl.json");
      EXPECT_FALSE(flag_layer(c)) << c.id;
      const auto path = report / (c.id + ".vl.json");
      if (std::filesystem::exists(path)) {
        EXPECT_EQ(c.spec.dump(2) + "\n", read_text(path)) << path;
      }
      ++compared;
    }
    for (const auto& f : std::filesystem::directory_iterator(report))
      if (f.path().string().ends_with(".vl.json")) expected.insert(f.path().filename().string());
    EXPECT_EQ(drawn, expected) << report;
  }
  EXPECT_GE(compared, 10u);
}

// The host's memory rooflines (19.6 and 277 GB/s) were drawn under an H200's @device bars of up
// to 775 GB/s: each bar is now drawn against what bounds it (a real run's file).
TEST(report_charts, gpu_kernel_bars_are_drawn_against_their_own_bound) {
  const auto charts = build_charts({load_result_file(std::filesystem::path(FRAMEBENCH_SOURCE_DIR) / "docs/results/h200/run-1/kernels.json")});
  const auto* host = find_chart(charts, "throughput-1920x1080");
  const auto* device = find_chart(charts, "throughput-1920x1080-device");
  const auto* pipeline = find_chart(charts, "throughput-1920x1080-pipeline");
  ASSERT_TRUE(host && device && pipeline) << ::testing::PrintToString(ids(charts));
  const auto rooflines = [](const Chart& c) {
    std::map<std::string, double> out;
    for (const auto& r : layers(c, "rule"))
      if (r.at("data").at("values")[0].contains("rule")) out[r.at("data").at("values")[0].at("rule")] = r.at("data").at("values")[0].at("x");
    return out;
  };
  EXPECT_EQ(rooflines(*host).size(), 2u);
  EXPECT_NEAR(rooflines(*device).at("device copy"), 3997.430488261, 1e-6);
  EXPECT_EQ(rooflines(*pipeline).size(), 1u);
  for (const auto* c : {host, device, pipeline}) {
    double highest = 0;
    for (const auto& [what, x] : rooflines(*c)) highest = std::max(highest, x);
    for (const auto& v : layer(*c, "bar").at("data").at("values")) {
      EXPECT_LE(v.at("value").get<double>(), highest) << c->id << " " << v.dump();
      const auto impl = v.at("group").get<std::string>();
      EXPECT_EQ(impl.find("@device") != std::string::npos, c == device) << c->id << " " << impl;
      EXPECT_EQ(impl.find("@pipeline") != std::string::npos, c == pipeline) << c->id << " " << impl;
    }
  }
}

// With every x264 case but one failed, the time chart coloured ffv1 as the speedup chart coloured
// x264; stage colours shifted between jobs with different stages.
TEST(report_charts, one_value_has_one_colour_throughout_a_report) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  for (int i : {1, 2, 3, 5}) fail(file.cases[i], "boom");
  auto other_job = file.cases;
  for (auto& c : other_job) {
    c.params["dataset"] = "other";
    c.name += "-other";
    for (auto& r : c.repetitions) r.counters.erase("decode_s");
  }
  file.cases.insert(file.cases.end(), other_job.begin(), other_job.end());
  const auto charts = build_charts({file});
  for (const char* id : {"time-testsrc2-720p-box5", "speedup-testsrc2-720p-box5", "time-other-box5", "speedup-other-box5"}) {
    ASSERT_NE(find_chart(charts, id), nullptr) << id;
    EXPECT_EQ(colour_domain(*find_chart(charts, id)), (std::vector<std::string>{"x264-ultrafast", "ffv1"})) << id;
  }
  for (const char* id : {"stages-testsrc2-720p-box5", "stages-other-box5"})
    EXPECT_EQ(layer(*find_chart(charts, id), "bar").at("encoding").at("color").at("scale").at("domain"),
              json({"decode", "filter", "encode", "merge"}))  // transfer: only the failed cases had it
        << id;
}

// A failed baseline removed its encoder's cases from the speedup chart, and the note said there
// was no baseline run.
TEST(report_charts, a_failed_baseline_is_said_so) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  fail(file.cases[6], "encoder crashed");  // single-core with ffv1
  const auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "speedup-testsrc2-720p-box5");
  std::map<std::pair<std::string, std::string>, std::string> texts;
  for (const auto& v : layer(c, "text").at("data").at("values")) texts[{v.at("label"), v.at("group")}] = v.at("text");
  EXPECT_EQ((texts[{"single-core", "ffv1"}]), "failed: encoder crashed");
  EXPECT_EQ((texts[{"multiprocess-segments", "ffv1"}]), "baseline failed");
  EXPECT_EQ((texts[{"tbb-pipeline", "ffv1"}]), "baseline failed");
  EXPECT_TRUE(has_note(c, "baseline failed: single-core with encoder ffv1 failed, so e2e/strategy:tbb-pipeline/"));
  EXPECT_FALSE(has_note(c, "no single-core run"));
}

// GPU strategies' parallelism is the device's: an ideal tick at their CPU workers squeezed their bars.
TEST(report_charts, the_ideal_speedup_is_drawn_for_cpu_strategies_only) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  file.cases[2].params["strategy"] = "cuda-global";
  file.cases[2].name = "e2e/strategy:cuda-global/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:0";
  const auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "speedup-testsrc2-720p-box5");
  std::set<std::string> ticked;
  for (const auto& t : layer(c, "tick").at("data").at("values")) ticked.insert(t.at("label"));
  EXPECT_FALSE(ticked.contains("cuda-global"));
  EXPECT_TRUE(ticked.contains("multiprocess-segments"));
  for (const auto& row : c.table.rows) {
    if (row[3].empty()) continue;  // a failed or skipped case: no speedup, no ideal
    EXPECT_EQ(row[4].empty(), row[0] == "cuda-global") << row[0];
  }
}

// The stage chart draws one repetition; of an even count it is not the time chart's median.
TEST(report_charts, the_stage_chart_says_which_repetition_of_an_even_count) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  const auto subtitle = [](const std::vector<Chart>& charts) {
    return find_chart(charts, "stages-testsrc2-720p-box5")->spec.at("title").at("subtitle").dump();
  };
  EXPECT_EQ(subtitle(build_charts({file})).find("even number"), std::string::npos);
  file.cases[1].repetitions.resize(2);
  EXPECT_NE(subtitle(build_charts({file})).find("of an even number of repetitions, the faster middle one"), std::string::npos);
}

// "noisy, disturbed" written after the longest bar ran over the legend: the axis leaves it room.
TEST(report_charts, flags_have_room_inside_the_plot) {
  const auto charts = build_charts({load_result_file(fixture("e2e_intervals_old.json"))});
  for (const char* id : {"time-testsrc2-720p-box5", "speedup-testsrc2-720p-box5"}) {
    const auto& c = *find_chart(charts, id);
    double furthest = 0;
    for (const auto& v : layer(c, "bar").at("data").at("values")) furthest = std::max(furthest, v.at("value").get<double>());
    for (const auto& [label, range] : error_bars(c)) furthest = std::max(furthest, range.second);
    EXPECT_GE(layer(c, "bar").at("encoding").at("x").at("scale").at("domainMax").get<double>(), 1.2 * furthest) << id;
  }
}

// Skipped cases were blank gaps; one repetition's chart promised error bars it had not.
TEST(report_charts, skipped_cases_are_written_and_one_repetition_says_so) {
  auto file = load_result_file(fixture("e2e_quick_host_a.json"));
  auto charts = build_charts({file});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  std::map<std::string, std::string> skipped;
  for (const auto& l : layers(c, "text"))
    if (l.at("mark").at("color") == charts::skipped_colour)
      for (const auto& v : l.at("data").at("values")) skipped[v.at("label")] = v.at("text");
  EXPECT_EQ(skipped, (std::map<std::string, std::string>{{"cuda-global", "skipped: no CUDA device"}, {"cuda-shared", "skipped: no CUDA device"}}));
  EXPECT_EQ(c.table.rows.back().back(), "skipped: no CUDA device");
  EXPECT_EQ(c.spec.at("title").at("subtitle")[0].get<std::string>().find("one repetition"), std::string::npos);

  for (auto& cr : file.cases)
    if (!cr.failed) cr.repetitions.resize(1);
  charts = build_charts({file});
  EXPECT_EQ(find_chart(charts, "time-testsrc2-720p-box5")->spec.at("title").at("subtitle")[0],
            "median wall time of 1 repetition; one repetition: no spread; shorter is faster");
}

// Files before 5 December 2026 paired native-path cases with the baseline's BGR24 run (their
// native single-core shows 1.60x over single-core); the chart and the table's note say so there,
// and only there: since then each pixel path is paired with its own baseline.
TEST(report_charts, speedups_of_native_cases_say_which_baseline_they_are_over) {
  auto file = load_result_file(FRAMEBENCH_SOURCE_DIR "/docs/results/native-1080p.json");
  const auto over = [&] {
    const auto charts = build_charts({file});
    const auto& c = *find_chart(charts, "speedup-testsrc2-1080p-box5");
    EXPECT_EQ(layer(c, "bar").at("encoding").at("x").at("title"), "speedup over " + c.title.substr(13, c.title.find(':') - 13) + " (x)");
    return c.title;
  };
  const auto note = [&] { return table_cells(result_table(file)).note; };
  EXPECT_EQ(over(), "Speedup over single-core (BGR24): testsrc2-1080p, box5");
  EXPECT_NE(note().find("its BGR24 run for either pixel format"), std::string::npos) << note();
  for (auto& c : file.cases)  // as a run pairs them now: the native baseline with itself
    if (c.param("strategy") == "single-core" && c.param("pixel_format") == "native") c.statistics->speedup = 1.0;
  EXPECT_EQ(over(), "Speedup over single-core: testsrc2-1080p, box5");
  EXPECT_NE(note().find("encoder and pixel format"), std::string::npos) << note();
}

// The grey texts of skipped cases, label and group -> text.
std::map<std::pair<std::string, std::string>, std::string> skipped_texts(const Chart& c) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  for (const auto& l : layers(c, "text"))
    if (l.at("mark").at("color") == charts::skipped_colour && l.at("encoding").at("text").at("field") == "text")
      for (const auto& v : l.at("data").at("values")) out[{v.at("label"), v.at("group")}] = v.at("text");
  return out;
}

// Skipped cases were written in the time chart only: the speedup and throughput charts of their
// job left blank rows, or none.
TEST(report_charts, skipped_cases_are_written_in_the_speedup_and_throughput_charts_too) {
  const auto e2e = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  const auto time = skipped_texts(*find_chart(e2e, "time-testsrc2-720p-box5"));
  const auto& speedup = *find_chart(e2e, "speedup-testsrc2-720p-box5");
  EXPECT_EQ(time.size(), 2u);
  EXPECT_EQ(skipped_texts(speedup), time);  // the same cases in the same words
  const auto order = layer(speedup, "bar").at("encoding").at("y").at("sort").get<std::vector<std::string>>();
  EXPECT_EQ(std::vector<std::string>(order.end() - 2, order.end()), (std::vector<std::string>{"cuda-global", "cuda-shared"}));

  auto kernels = load_result_file(fixture("kernels_box_sweep.json"));
  kernels.unavailable = {{"kernel/impl:cuda-global/kernel:box:3/size:1920x1080", "no CUDA device", "machine"},
                         {"kernel/impl:cuda-global/kernel:box:3/size:1280x720", "no CUDA device", "machine"},
                         {"kernel/impl:cuda-global/kernel:box:3/pixel_format:native/size:1920x1080", "no CUDA device", "machine"},
                         {"kernel/impl:opencv/kernel:box:3/size:1920x1080", "ran in another file", "machine"}};
  const auto charts = build_charts({kernels});
  const auto& throughput = *find_chart(charts, "throughput-1920x1080");
  // Not another size's or pixel path's, nor a case that ran.
  EXPECT_EQ(skipped_texts(throughput), (std::map<std::pair<std::string, std::string>, std::string>{
                                           {{"box:3", "cuda-global"}, "skipped: no CUDA device"}}));
  EXPECT_EQ(layer(throughput, "bar").at("encoding").at("yOffset").at("sort").back(), "cuda-global");
}

// Of many skipped cases a chart draws sixteen and notes how many more (found 6 December 2026 by a
// sweep of large configs: workers past the machine's cores skipped 186 rows a chart beside one bar).
TEST(report_charts, a_chart_draws_sixteen_skipped_cases_and_counts_the_rest) {
  auto e2e = load_result_file(fixture("e2e_quick_host_a.json"));
  e2e.unavailable.clear();
  for (int workers = 3; workers < 23; ++workers)
    e2e.unavailable.push_back({fmt::format("e2e/strategy:tbb-pipeline/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:{}",
                                           workers),
                               fmt::format("{} workers asked, 2 cores are available to this run", workers), "machine"});
  const auto charts = build_charts({e2e});
  for (const char* id : {"time-testsrc2-720p-box5", "speedup-testsrc2-720p-box5"}) {
    const auto& chart = *find_chart(charts, id);
    EXPECT_EQ(skipped_texts(chart).size(), charts::kMostSkippedRows) << id;
    EXPECT_NE(std::find(chart.notes.begin(), chart.notes.end(),
                        "4 more skipped cases are not drawn (the results file lists each under \"unavailable\", with why)"),
              chart.notes.end())
        << id << ": " << ::testing::PrintToString(chart.notes);
  }
}

std::vector<const CaseResult*> every_case(const ResultFile& file) {
  std::vector<const CaseResult*> out;
  for (const auto& c : file.cases) out.push_back(&c);
  return out;
}

// Implementations and strategies were coloured by the order they appear in each chart: one that
// ran for one frame size or dataset only shifted the others' colours in the next chart.
TEST(report_charts, implementations_and_strategies_have_one_colour_throughout_a_report) {
  const auto colours = [](const Chart& c, const std::string& mark) {
    return layer(c, mark).at("encoding").at("color").at("scale").at("domain").get<std::vector<std::string>>();
  };
  auto kernels = load_result_file(fixture("kernels_box_sweep.json"));
  auto smaller = kernels.cases;
  std::erase_if(smaller, [](const CaseResult& c) { return c.param("impl") == "fast"; });
  for (auto& c : smaller) {
    c.params["size"] = "1280x720";
    c.name = c.name.substr(0, c.name.rfind("size:")) + "size:1280x720";
  }
  kernels.cases.insert(kernels.cases.end(), smaller.begin(), smaller.end());
  const auto kernel_charts = build_charts({kernels});
  const std::vector<std::string> impls = {"reference", "fast", "fft", "opencv"};
  ASSERT_EQ(charts::distinct(every_case(kernels), "impl"), impls);
  for (const char* id : {"throughput-1920x1080", "throughput-1280x720"}) {
    ASSERT_NE(find_chart(kernel_charts, id), nullptr) << ::testing::PrintToString(ids(kernel_charts));
    EXPECT_EQ(colours(*find_chart(kernel_charts, id), "bar"), impls) << id;
  }
  // The legend names what the chart draws.
  EXPECT_EQ(layer(*find_chart(kernel_charts, "throughput-1280x720"), "bar").at("encoding").at("color").at("legend").at("values"),
            json({"reference", "fft", "opencv"}));
  for (const char* id : {"sweep-1920x1080-box", "sweep-1280x720-box"}) {
    ASSERT_NE(find_chart(kernel_charts, id), nullptr) << ::testing::PrintToString(ids(kernel_charts));
    EXPECT_EQ(colours(*find_chart(kernel_charts, id), "line"), impls) << id;
  }

  auto scaling = load_result_file(fixture("e2e_scaling.json"));
  auto other = scaling.cases;
  std::erase_if(other, [](const CaseResult& c) { return c.param("strategy") == "multiprocess-segments"; });
  for (auto& c : other) {
    c.params["dataset"] = "other";
    c.name += "-other";
  }
  scaling.cases.insert(scaling.cases.end(), other.begin(), other.end());
  const auto strategies = charts::distinct(every_case(scaling), "strategy");
  ASSERT_EQ(strategies.size(), 3u);
  const auto scaling_charts = build_charts({scaling});
  for (const char* id : {"scaling-testsrc2-720p-box5-x264-ultrafast", "scaling-other-box5-x264-ultrafast"}) {
    ASSERT_NE(find_chart(scaling_charts, id), nullptr) << ::testing::PrintToString(ids(scaling_charts));
    EXPECT_EQ(colours(*find_chart(scaling_charts, id), "line"), strategies) << id;
  }
}

// vega's ten colours repeat from the eleventh: more values than that take twenty.
TEST(report_charts, a_colour_scale_of_more_than_ten_values_has_twenty_colours) {
  std::vector<std::string> values;
  for (int i = 0; i < 10; ++i) values.push_back(fmt::format("impl-{}", i));
  json colour;
  charts::fix_colours(colour, values, values);
  EXPECT_FALSE(colour.at("scale").contains("scheme"));
  EXPECT_FALSE(colour.contains("legend"));  // every value is drawn
  values.push_back("impl-10");
  charts::fix_colours(colour, values, {"impl-10", "impl-0"});
  EXPECT_EQ(colour.at("scale").at("scheme"), "tableau20");
  EXPECT_EQ(colour.at("scale").at("domain"), json(values));
  EXPECT_EQ(colour.at("legend").at("values"), json({"impl-0", "impl-10"}));  // in the domain's order
}

}  // namespace
}  // namespace framebench::reports
