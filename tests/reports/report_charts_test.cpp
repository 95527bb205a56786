#include "reports/charts.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using framebench::testing::fixture;
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

TEST(report_charts, time_chart_bars_error_bars_and_failed_cases) {
  const auto charts = build_charts({load_result_file(fixture("e2e_quick_host_a.json"))});
  const auto& c = *find_chart(charts, "time-testsrc2-720p-box5");
  EXPECT_EQ(c.kind, "time");
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

  // Fastest first, the failed case last.
  const auto order = enc.at("y").at("sort").get<std::vector<std::string>>();
  EXPECT_EQ(order.front(), "ffmpeg-filter");
  EXPECT_EQ(order.back(), "in-memory");
  EXPECT_EQ(order.size(), 6u);

  ASSERT_EQ(c.table.rows.size(), 9u);
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
  EXPECT_EQ(kernel_family("gaussian:15:2.5"), "gaussian");
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 5}, {15, 5}}, {{3, 1}, {7, 6}, {15, 20}}), 7);
  // Faster at 7 but slower again at 15: it does not *stay* faster until 31.
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 5}, {15, 25}, {31, 30}}, {{3, 1}, {7, 6}, {15, 20}, {31, 80}}), 31);
  EXPECT_EQ(fft_crossover({{3, 9}, {7, 9}}, {{3, 1}, {7, 6}}), std::nullopt);
  EXPECT_EQ(slug("Time: <x>/y Z"), "time-x-y-z");
}

}  // namespace
}  // namespace framebench::reports
