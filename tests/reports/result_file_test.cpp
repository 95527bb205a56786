#include "reports/result_file.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "tests/reports/fixtures.hpp"
#include "tests/support/input_error.hpp"

namespace framebench::reports {
namespace {

using framebench::testing::fixture;
using framebench::testing::input_error_of;
using framebench::testing::read_json;
using framebench::testing::write_text;

TEST(report_result_file, parses_cases_parameters_and_units) {
  const auto f = load_result_file(fixture("e2e_quick_host_a.json"));
  EXPECT_EQ(f.host(), "fixture-host-a");
  EXPECT_EQ(f.context_string("kind"), "e2e");
  EXPECT_EQ(f.context_string("num_cpus"), "2");  // numbers in the context read as text too
  ASSERT_EQ(f.cases.size(), 9u);

  const auto& single = f.cases[0];
  // Run settings are not part of a case's identity.
  EXPECT_EQ(single.name, "e2e/strategy:single-core/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:1");
  EXPECT_EQ(single.short_name(), "strategy:single-core/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:1");
  EXPECT_EQ(single.kind, CaseKind::e2e);
  EXPECT_EQ(single.param("strategy"), "single-core");
  EXPECT_EQ(single.param("dataset"), "testsrc2-720p");
  EXPECT_EQ(single.param("workers"), "1");
  EXPECT_EQ(single.param("iterations"), "");
  ASSERT_EQ(single.repetitions.size(), 3u);
  // 10200 ms in the file.
  EXPECT_DOUBLE_EQ(single.repetitions[0].real_time_s, 10.2);
  EXPECT_NEAR(single.repetitions[0].counters.at("fps"), 300 / 10.2, 1e-9);
  EXPECT_DOUBLE_EQ(harness::median(single.times_s()), 10.2);
  EXPECT_EQ(single.median_repetition(), &single.repetitions[0]);
  EXPECT_TRUE(single.aggregates.contains("median"));
  EXPECT_TRUE(single.aggregates.contains("cv"));
  EXPECT_FALSE(single.failed);

  const auto* in_memory = f.find("e2e/strategy:in-memory/dataset:testsrc2-720p/kernel:box5/encoder:x264-ultrafast/workers:0");
  ASSERT_NE(in_memory, nullptr);
  EXPECT_TRUE(in_memory->failed);
  EXPECT_NE(in_memory->error_message.find("did not verify"), std::string::npos);
  EXPECT_TRUE(in_memory->times_s().empty());  // a failed case has no times to chart
  EXPECT_EQ(in_memory->median_repetition(), nullptr);

  ASSERT_EQ(f.unavailable.size(), 2u);
  EXPECT_EQ(f.unavailable[0].reason, "no CUDA device");
  EXPECT_EQ(f.context_number("mem_bandwidth_all_cores_bytes_per_s"), 20e9);
}

TEST(report_result_file, a_case_names_escaped_slash_reads_back_as_the_kernels_own) {
  const auto parsed = parse_case_name("e2e/strategy:single-core/dataset:a/kernel:custom:1,2,1%2F4/encoder:ffv1/workers:1/iterations:1");
  EXPECT_EQ(parsed.params.at("kernel"), "custom:1,2,1/4");
  EXPECT_EQ(parsed.params.at("encoder"), "ffv1");
  EXPECT_EQ(parsed.name, "e2e/strategy:single-core/dataset:a/kernel:custom:1,2,1%2F4/encoder:ffv1/workers:1");
}

TEST(report_result_file, converts_every_time_unit_to_seconds) {
  const auto f = load_result_file(fixture("kernels_box_sweep.json"));
  const auto* reference = f.find("kernel/impl:reference/kernel:box:15/size:1920x1080");  // written in ms
  const auto* fast = f.find("kernel/impl:fast/kernel:box:15/size:1920x1080");            // us
  const auto* fft = f.find("kernel/impl:fft/kernel:box:15/size:1920x1080");              // ns
  ASSERT_TRUE(reference && fast && fft);
  EXPECT_EQ(fft->kind, CaseKind::kernel);
  EXPECT_EQ(fft->param("kernel"), "box:15");
  EXPECT_EQ(fft->param("size"), "1920x1080");
  EXPECT_NEAR(reference->repetitions[0].real_time_s, 0.230, 1e-12);
  EXPECT_NEAR(fast->repetitions[0].real_time_s, 0.025, 1e-12);
  EXPECT_NEAR(fft->repetitions[0].real_time_s, 0.024, 1e-12);
  EXPECT_DOUBLE_EQ(fft->counter_values("threads").at(0), 2);
}

// The first iteration entry of a case in a fixture, as the file has it.
nlohmann::json first_entry(const std::string& file, const std::string& strategy) {
  const auto root = read_json(fixture(file));
  for (const auto& e : root.at("benchmarks"))
    if (e.at("run_type") == "iteration" && e.at("name").get<std::string>().find("strategy:" + strategy + "/") != std::string::npos) return e;
  throw std::runtime_error("no " + strategy + " in " + file);
}

TEST(report_result_file, reads_the_statistics_run_records) {
  const auto f = load_result_file(fixture("e2e_intervals_old.json"));
  ASSERT_EQ(f.cases.size(), 5u);
  const auto& noisy = f.cases[3];
  ASSERT_EQ(noisy.param("strategy"), "piped-ffmpeg");
  ASSERT_TRUE(noisy.statistics.has_value());
  const auto entry = first_entry("e2e_intervals_old.json", "piped-ffmpeg");
  const auto& s = *noisy.statistics;
  EXPECT_DOUBLE_EQ(s.fps.low, entry.at("fps_ci_low").get<double>());
  EXPECT_DOUBLE_EQ(s.fps.high, entry.at("fps_ci_high").get<double>());
  EXPECT_DOUBLE_EQ(s.coverage, entry.at("ci_coverage").get<double>());
  EXPECT_DOUBLE_EQ(s.noise, entry.at("noise").get<double>());
  EXPECT_TRUE(s.noisy);
  EXPECT_FALSE(s.disturbed);
  ASSERT_TRUE(s.speedup && s.speedup_interval);
  EXPECT_DOUBLE_EQ(*s.speedup, entry.at("speedup").get<double>());
  EXPECT_DOUBLE_EQ(s.speedup_interval->low, entry.at("speedup_ci_low").get<double>());
  EXPECT_DOUBLE_EQ(s.speedup_interval->high, entry.at("speedup_ci_high").get<double>());
  // From the context.
  EXPECT_EQ(s.confidence, 0.9);
  EXPECT_EQ(s.max_noise, 0.03);
  EXPECT_EQ(s.baseline, "single-core");

  const auto& disturbed = f.cases[4];
  ASSERT_TRUE(disturbed.statistics.has_value());
  EXPECT_TRUE(disturbed.statistics->disturbed);
  EXPECT_DOUBLE_EQ(disturbed.statistics->others_cpu, first_entry("e2e_intervals_old.json", "ffmpeg-filter").at("others_cpu_case_share").get<double>());

  // Per repetition: where it ran among the others, and what else used the machine meanwhile.
  const auto& rep = noisy.repetitions[2];
  EXPECT_EQ(rep.round, 3);
  EXPECT_EQ(rep.sequence, 2 * 5 + 4);
  ASSERT_TRUE(rep.others_cpu_share.has_value());
  EXPECT_DOUBLE_EQ(*rep.others_cpu_share, rep.counters.at("others_cpu_share"));
  EXPECT_EQ(rep.steal_share, 0.0);
}

// Found 6 December 2026 by a sweep of the reports: a confidence of -1 let every two-repetition
// interval count as reaching it in compare, and an interval that does not hold its median was
// shown as the case's.
TEST(report_result_file, statistics_no_run_records_are_refused) {
  const ScratchDir dir("report-test");
  const auto refused = [&](const std::function<void(nlohmann::json&)>& edit) {
    auto json = read_json(fixture("e2e_intervals_old.json"));
    edit(json);
    std::ofstream(dir / "edited.json") << json.dump();
    return input_error_of([&] { load_result_file(dir / "edited.json"); });
  };
  EXPECT_NE(refused([](auto& j) { j["context"]["confidence"] = -1; }).find("context.confidence is -1, where run records 0.5 to 1"),
            std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["context"]["max_noise"] = 5; }).find("context.max_noise is 5"), std::string::npos);
  EXPECT_NE(refused([](auto& j) {
              for (auto& b : j["benchmarks"]) b["fps_ci_low"] = 1000, b["fps_ci_high"] = 2000;
            }).find("fps_ci_low 1000 to fps_ci_high 2000 does not hold the median fps"),
            std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["benchmarks"][0]["time_unit"] = 5; }).find("time_unit is 5, not text"), std::string::npos);
  EXPECT_NE(refused([](auto& j) { j["benchmarks"][0]["error_occurred"] = "yes"; }).find("error_occurred is \"yes\", not true or false"),
            std::string::npos);
  for (const double bandwidth : {-5e-9, 1e299})
    EXPECT_NE(refused([&](auto& j) { j["context"]["mem_bandwidth_single_core_bytes_per_s"] = bandwidth; })
                  .find("context.mem_bandwidth_single_core_bytes_per_s is"),
              std::string::npos)
        << bandwidth;
  EXPECT_EQ(refused([](auto&) {}), "(no InputError)");  // as run wrote it
}

// Found 6 December 2026 by a sweep of the reports: two hosts of one name (ranks on one machine,
// machines all called "vm"): FILE@HOST gave the first, the other could not be picked, and a report
// drew one's cases over the other's. Such hosts are told apart by their rank.
TEST(report_result_file, fleet_hosts_of_one_name_are_told_apart_by_rank) {
  const ScratchDir dir("report-test");
  auto root = read_json(fixture("e2e_quick_host_a.json"));
  root["context"]["host_name"] = "vm";
  const auto member = read_json(fixture("e2e_quick_host_b.json"));
  root["fleet"] = nlohmann::json::array({{{"rank", 1}, {"host", "vm"}, {"result", member}}, {{"rank", 2}, {"host", "other"}, {"result", member}}});
  std::ofstream(dir / "fleet.json") << root.dump();
  std::vector<std::string> hosts;
  for (const auto& f : load_result_files({dir / "fleet.json"})) hosts.push_back(f.host());
  EXPECT_EQ(hosts, (std::vector<std::string>{"vm#0", "vm#1", "other"}));
  const auto picked = load_result_file((dir / "fleet.json").string() + "@vm#1");
  EXPECT_EQ(picked.host(), "vm#1");
  EXPECT_EQ(picked.path, (dir / "fleet.json").string() + "@vm#1");
  EXPECT_EQ(load_result_file((dir / "fleet.json").string() + "@other").host(), "other");
  EXPECT_NE(input_error_of([&] { load_result_file((dir / "fleet.json").string() + "@vm"); }).find("no host 'vm' in it (hosts: vm#0, vm#1, other)"),
            std::string::npos);
}

TEST(report_result_file, old_files_have_no_statistics) {
  for (const char* name : {"e2e_quick_host_a.json", "e2e_scaling.json", "kernels_box_sweep.json"})
    for (const auto& c : load_result_file(fixture(name)).cases) {
      EXPECT_FALSE(c.statistics.has_value()) << c.name;
      EXPECT_FALSE(c.time_interval().has_value()) << c.name;
      for (const auto& r : c.repetitions) EXPECT_FALSE(r.round || r.sequence || r.others_cpu_share || r.steal_share) << c.name;
    }
}

TEST(report_result_file, time_interval_is_the_fps_interval_turned_into_times) {
  // 9 repetitions at 90%: the interval is [x(2), x(8)] of the sorted values, in fps and in time
  // alike (time = frames / fps), so it is the 2nd and 8th shortest wall times.
  for (const auto& c : load_result_file(fixture("e2e_intervals_old.json")).cases) {
    auto t = c.times_s();
    ASSERT_EQ(t.size(), 9u);
    std::sort(t.begin(), t.end());
    const auto interval = c.time_interval();
    ASSERT_TRUE(interval.has_value()) << c.name;
    EXPECT_NEAR(interval->low, t[1], 1e-12 * t[1]) << c.name;
    EXPECT_NEAR(interval->high, t[7], 1e-12 * t[7]) << c.name;
    EXPECT_GT(interval->low, t.front()) << c.name;  // not min to max
  }
}

TEST(report_result_file, case_counters_are_not_samples) {
  EXPECT_TRUE(is_case_counter("fps_ci_low"));
  EXPECT_TRUE(is_case_counter("speedup"));
  EXPECT_FALSE(is_case_counter("fps"));
  EXPECT_FALSE(is_case_counter("others_cpu_share"));
}

// A kernels case's thread budget is "thread_budget" beside Google Benchmark's own "threads" (1);
// older files wrote it as a second "threads" key, of which the last is read.
TEST(report_result_file, a_kernels_cases_thread_budget_is_its_threads_in_new_and_old_files) {
  ScratchDir dir("report-test");
  const std::string entry_start =
      R"({"name": "kernel/impl:tbb-rows/kernel:box5/size:64x48/real_time", "run_name": "kernel/impl:tbb-rows/kernel:box5/size:64x48/real_time", )"
      R"("run_type": "iteration", "repetitions": 1, "iterations": 10, "real_time": 1, "time_unit": "ms", "verified": 1, "threads": 1, )";
  const std::string context = R"({"context": {"framebench_schema": "1", "kind": "kernels"}, "benchmarks": [)";
  write_text(dir / "new.json", context + entry_start + R"("thread_budget": 2}]})");
  write_text(dir / "old.json", context + entry_start + R"("threads": 2}]})");
  for (const char* name : {"new.json", "old.json"}) {
    const ResultFile f = load_result_file(dir / name);
    ASSERT_EQ(f.cases.size(), 1u) << name;
    EXPECT_EQ(f.cases[0].counter_values("threads"), std::vector<double>{2}) << name;
    EXPECT_TRUE(f.cases[0].counter_values("thread_budget").empty()) << name;
  }
}

TEST(report_result_file, bad_files_name_the_file_and_the_problem) {
  ScratchDir dir("report-test");
  write_text(dir / "broken.json", "{\n  \"benchmarks\": [\n    {\"name\": 1,,}\n");
  const auto broken = input_error_of([&] { load_result_file(dir / "broken.json"); });
  EXPECT_NE(broken.find("broken.json: invalid JSON"), std::string::npos) << broken;
  EXPECT_NE(broken.find("line 3"), std::string::npos) << broken;

  write_text(dir / "other.json", R"({"context": {}, "results": []})");
  EXPECT_EQ(input_error_of([&] { load_result_file(dir / "other.json"); }),
            (dir / "other.json").string() + ": not a framebench result (no benchmarks array)");

  write_text(dir / "unnamed.json", R"({"context": {"framebench_schema": "1"}, "benchmarks": [{"real_time": 1}]})");
  EXPECT_NE(input_error_of([&] { load_result_file(dir / "unnamed.json"); }).find("unnamed.json: benchmarks[0] has no name"),
            std::string::npos);

  write_text(dir / "unit.json",
             R"({"context": {"framebench_schema": "1"}, "benchmarks": [{"name": "x", "run_type": "iteration", "real_time": 1, "time_unit": "fortnights"}]})");
  EXPECT_NE(input_error_of([&] { load_result_file(dir / "unit.json"); }).find("unknown time_unit 'fortnights'"), std::string::npos);

  write_text(dir / "future.json", R"({"context": {"framebench_schema": "7"}, "benchmarks": []})");
  EXPECT_NE(input_error_of([&] { load_result_file(dir / "future.json"); }).find("framebench_schema '7'"), std::string::npos);

  EXPECT_NE(input_error_of([&] { load_result_file(dir / "missing.json"); }).find("missing.json: cannot read the result file (no such file)"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] { load_result_file(dir.path()); }).find("is a directory"), std::string::npos);
}

// Another program's Google Benchmark output, entries pasted twice, and values of the wrong type:
// each refused in one line naming the file (they used to be read without a word).
TEST(report_result_file, foreign_repeated_and_misshapen_files_are_refused) {
  const std::string entry = R"({"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration", "repetition_index": 0,
                                 "real_time": 3, "time_unit": "s", "verified": 1})";
  EXPECT_EQ(input_error_of([&] { parse_result_json(R"({"context": {"library_build_type": "release"}, "benchmarks": [)" + entry + "]}", "gb.json"); }),
            "gb.json: not a framebench result (no framebench_schema in its context)");
  const std::string ours = R"({"context": {"framebench_schema": "1"}, "benchmarks": [)";
  EXPECT_EQ(input_error_of([&] { parse_result_json(ours + entry + "," + entry + "]}", "twice.json"); }),
            "twice.json: benchmarks[1] repeats twice.json: benchmarks[0] ('e2e/strategy:s/workers:1/manual_time')");
  // Found by fuzzing: a number beyond a double escaped as nlohmann's out_of_range (exit 1, not 2).
  const auto overflow = input_error_of([&] { parse_result_json(ours + R"({"name": "x", "real_time": 4444E444444444}]})", "big.json"); });
  EXPECT_NE(overflow.find("big.json: invalid JSON"), std::string::npos) << overflow;
  EXPECT_EQ(overflow.find("[json.exception"), std::string::npos) << "the JSON library's own tag: " << overflow;
  const auto misshapen = input_error_of([&] { parse_result_json(ours + R"({"name": "x", "run_type": 7, "real_time": 1}]})", "odd.json"); });
  EXPECT_EQ(misshapen, "odd.json: benchmarks[0] (x): run_type is 7, not \"iteration\" or \"aggregate\"");
  // ... also where the type is wrong before the entry is read (found 6 December 2026 by a sweep of
  // the reports: "entries of the wrong shape: type must be string, but is null", naming nothing).
  for (const char* odd : {R"("run_type": null)", R"("run_type": "aggregate", "aggregate_name": 5)", R"("iterations": null)"})
    EXPECT_NE(input_error_of([&] {
                parse_result_json(ours + R"({"name": "x", "real_time": 1, "time_unit": "s", )" + odd + (std::string(odd).find("run_type") == std::string::npos ? R"(, "run_type": "iteration")" : "") + "}]}",
                                  "odd.json");
              }).find("odd.json: benchmarks[0] (x): "),
              std::string::npos)
        << odd;
  EXPECT_NO_THROW(parse_result_json(ours + entry + "," + R"({"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration",
      "repetition_index": 1, "real_time": 4, "time_unit": "s", "verified": 1}]})", "two_repetitions.json"));
  // Found by a hostile-input sweep: times below zero, or none for a kept repetition, were shown as
  // they were, and a B of no time passed compare's regression gate; a schema that is no version
  // was called newer.
  for (const char* time : {"-5", "0", "1e-300"}) {
    const auto impossible = input_error_of([&] {
      parse_result_json(ours + R"({"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration", "real_time": )" + time +
                            R"(, "time_unit": "s", "verified": 1}]})", "edited.json");
    });
    EXPECT_NE(impossible.find(fmt::format("real_time {} is not a duration a repetition can take", time)), std::string::npos) << impossible;
  }
  EXPECT_NO_THROW(parse_result_json(ours + R"({"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration", "real_time": 0,
      "time_unit": "s", "error_occurred": true, "error_message": "failed"}]})", "failed_case.json")) << "a failed case has no time";
  EXPECT_EQ(input_error_of([&] { parse_result_json(R"({"context": {"framebench_schema": "x"}, "benchmarks": []})", "x.json"); }),
            "x.json: framebench_schema 'x' is not a schema version (this framebench reads 1)");
  EXPECT_EQ(input_error_of([&] { parse_result_json(R"({"context": {"framebench_schema": "2"}, "benchmarks": []})", "two.json"); }),
            "two.json: framebench_schema '2' is newer than this framebench reads (1)");
  // Found 4 December 2026 by a hostile-input sweep: summary printed a table's headers, exit 0.
  EXPECT_EQ(input_error_of([&] { parse_result_json(R"({"context": {"framebench_schema": "1"}, "benchmarks": []})", "empty.json"); }),
            "empty.json: holds no case (its benchmarks array is empty)");
}

// Found 5 December 2026 by a hostile-input sweep: summary, compare and report printed inf and -nan
// tables from hand-edited counters, and report failed in rsvg-convert on a case name holding a
// character XML does not allow.
TEST(report_result_file, counters_no_run_records_and_names_a_chart_cannot_hold_are_refused) {
  const std::string ours = R"({"context": {"framebench_schema": "1"}, "benchmarks": [)";
  const auto entry = [](const std::string& name, const std::string& counters, const std::string& run_type = "\"iteration\"") {
    return R"({"name": ")" + name + R"(", "run_type": )" + run_type + R"(, "real_time": 2, "time_unit": "s", "verified": 1, )" + counters + "}";
  };
  const std::string name = "e2e/strategy:s/workers:1/manual_time";
  EXPECT_EQ(input_error_of([&] { parse_result_json(ours + entry(name, R"("fps": 1.7e308)") + "]}", "huge.json"); }),
            "huge.json: benchmarks[0] (" + name + "): counter fps is 1.7e+308, which no run records");
  EXPECT_EQ(input_error_of([&] { parse_result_json(ours + entry(name, R"("speedup": -2.5)") + "]}", "negative.json"); }),
            "negative.json: benchmarks[0] (" + name + "): counter speedup is -2.5, which no run records");
  EXPECT_EQ(input_error_of([&] { parse_result_json(ours + entry(name, R"("fps_ci_low": 130, "fps_ci_high": 120)") + "]}", "inverted.json"); }),
            "inverted.json: benchmarks[0] (" + name + "): fps_ci_low 130 is above fps_ci_high 120");
  // What run writes: a stddev aggregate of an interval's ends is noise around zero, either way round.
  const std::string with_aggregate = ours + entry(name, R"("fps": 120, "fps_ci_low": 118, "fps_ci_high": 123)") + "," +
                                     entry(name + "_stddev", R"("aggregate_name": "stddev", "fps_ci_low": 1.4e-06, "fps_ci_high": 0)",
                                           "\"aggregate\"") + "]}";
  EXPECT_NO_THROW(parse_result_json(with_aggregate, "aggregate.json"));
  for (const auto& [escaped, problem] : std::vector<std::pair<std::string, std::string>>{
           {"\\u0001", "holds the control character U+0001"}, {"\\ufffe", "holds U+FFFE (a noncharacter XML does not allow)"}}) {
    const std::string odd = "e2e/strategy:s" + escaped + "/workers:1/manual_time";
    const auto refused = input_error_of([&] { parse_result_json(ours + entry(odd, R"("fps": 1)") + "]}", "odd.json"); });
    EXPECT_EQ(refused, "odd.json: benchmarks[0]: its name " + problem) << refused;
  }
  EXPECT_EQ(input_error_of([&] { parse_result_json(R"({"context": {"framebench_schema": "1", "host_name": "a\u0007b"}, "benchmarks": [)" +
                                                       entry(name, R"("fps": 1)") + "]}", "host.json"); }),
            "host.json: context.host_name holds the control character U+0007");
}

// Found 5 December 2026 by a hostile-input sweep: each of these was read without a word, as
// nanoseconds, as a repetition, as a missing figure or as a good case, and compare's gate judged on it.
TEST(report_result_file, entries_the_schema_does_not_allow_are_refused) {
  const std::string ours = R"({"context": {"framebench_schema": "1"}, "benchmarks": [)";
  const std::string name = "e2e/strategy:s/workers:1/manual_time";
  const auto refused = [&](const std::string& fields) {
    return input_error_of([&] { parse_result_json(ours + R"({"name": ")" + name + R"(", )" + fields + "}]}", "m.json"); });
  };
  const std::string where = "m.json: benchmarks[0] (" + name + "): ";
  EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 3, "verified": 1)"), where + "real_time without a time_unit");
  EXPECT_EQ(refused(R"("real_time": 3, "time_unit": "s", "verified": 1)"), where + "run_type is null, not \"iteration\" or \"aggregate\"");
  EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 3, "time_unit": "s")"), where + "no verified counter, which every run case records");
  EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 1e308, "time_unit": "ns", "verified": 1)"),
            where + "real_time 1e+308 is not a duration a repetition can take");
  for (const char* fps : {"\"abc\"", "[]", "{}"})
    EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 3, "time_unit": "s", "verified": 1, "fps": )" + std::string(fps)),
              where + "fps is " + fps + ", not a number");
  EXPECT_EQ(refused(R"("run_type": "iteration", "iterations": -5, "real_time": 3, "time_unit": "s", "verified": 1)"),
            where + "iterations is -5, where Google Benchmark writes 1 or more");
  EXPECT_EQ(refused(R"("run_type": "aggregate", "real_time": 3, "time_unit": "s", "verified": 1)"), where + "an aggregate without an aggregate_name");
  EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 3, "time_unit": "s", "verified": 1, "workers": 1e18)"),
            where + "counter workers is 1e+18, which no run records");
  EXPECT_EQ(refused(R"("run_type": "iteration", "real_time": 3, "time_unit": "s", "verified": 1, "run_name": "e2e/strategy:t/workers:1/manual_time")"),
            "m.json: benchmarks[0]: run_name 'e2e/strategy:t/workers:1/manual_time' is not the run of '" + name + "'");
  const std::string kernel = "kernel/impl:reference/kernel:box5/size:64x64/repeats:3/real_time";
  EXPECT_EQ(input_error_of([&] {
              parse_result_json(ours + R"({"name": ")" + kernel + R"(", "run_type": "iteration", "real_time": 3, "time_unit": "s"}]})", "k.json");
            }),
            "k.json: benchmarks[0] (" + kernel + "): no verified counter, which every kernels case records");
  // A GPU twin records none, as the schema says; the H200's files have them.
  const std::string twin = "kernel/impl:cuda-global@device/kernel:box5/size:64x64/repeats:3/real_time";
  EXPECT_NO_THROW(parse_result_json(ours + R"({"name": ")" + twin + R"(", "run_type": "iteration", "real_time": 3, "time_unit": "s"}]})", "t.json"));
  EXPECT_NO_THROW(load_result_file(FRAMEBENCH_SOURCE_DIR "/docs/results/h200/run-1/kernels.json"));
  // One case's repetition written twice under two repeats:N (found 5 December 2026 by a
  // hostile-input sweep: pooled into n = 3).
  const auto repetition = [](const std::string& repeats) {
    return R"({"name": "kernel/impl:reference/kernel:box5/size:64x64/repeats:)" + repeats +
           R"(/real_time", "run_type": "iteration", "repetition_index": 0, "real_time": 3, "time_unit": "s", "verified": 1})";
  };
  const auto pasted = input_error_of([&] { parse_result_json(ours + repetition("2") + "," + repetition("3") + "]}", "p.json"); });
  EXPECT_NE(pasted.find("p.json: benchmarks[1] repeats p.json: benchmarks[0]"), std::string::npos) << pasted;
  const std::string run_file = R"({"context": {"framebench_schema": "1", "kind": "e2e"}, "benchmarks": [{"name": ")";
  for (const std::string odd : {"", "zz/strategy:s/workers:1/manual_time"})
    EXPECT_EQ(input_error_of([&] {
                parse_result_json(run_file + odd + R"(", "run_type": "iteration", "real_time": 3, "time_unit": "s", "verified": 1}]})", "k.json");
              }),
              "k.json: benchmarks[0] is named '" + odd + "': the cases of a run file are named e2e/strategy:...");
}

// Found 5 December 2026 by a hostile-input sweep: 200,000 nested arrays crashed summary, compare
// and report (nlohmann copies recursively), `summary <(yes)` filled the memory, and a case of a
// stddev alone or of a zero median was read as a time and passed compare's gate.
TEST(report_result_file, nesting_size_and_cases_with_no_time_are_refused) {
  const std::string entry = R"({"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration", "real_time": 3,
                                 "time_unit": "s", "verified": 1})";
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(input_error_of([&] {
              parse_result_json(R"({"context": {"framebench_schema": "1", "zz": )" + deep + R"(}, "benchmarks": [)" + entry + "]}", "deep.json");
            }),
            "deep.json: values nested more than 64 deep, which no framebench result is");
  const std::string nested = std::string(60, '[') + std::string(60, ']');
  EXPECT_NO_THROW(parse_result_json(R"({"context": {"framebench_schema": "1", "zz": )" + nested + R"(}, "benchmarks": [)" + entry + "]}", "ok.json"));

  ScratchDir dir("report-test");
  write_text(dir / "huge.json", std::string((std::size_t{256} << 20) + 1, ' '));
  EXPECT_EQ(input_error_of([&] { load_result_file(dir / "huge.json"); }), (dir / "huge.json").string() + ": larger than 256 MiB, which no framebench result is");

  const std::string ours = R"({"context": {"framebench_schema": "1"}, "benchmarks": [)";
  const auto aggregate = [](const std::string& which, const std::string& time) {
    return R"({"name": "BM_x/repeats:3_)" + which + R"(", "run_name": "BM_x/repeats:3", "run_type": "aggregate", "aggregate_name": ")" +
           which + R"(", "real_time": )" + time + R"(, "time_unit": "ms"})";
  };
  EXPECT_EQ(input_error_of([&] { parse_result_json(ours + aggregate("stddev", "0.1") + "]}", "spread.json"); }),
            "spread.json: case 'BM_x' has no repetition and no mean or median, so no time");
  const auto zero = input_error_of([&] { parse_result_json(ours + aggregate("median", "0") + "]}", "zero.json"); });
  EXPECT_NE(zero.find("real_time 0 is not a duration a repetition can take"), std::string::npos) << zero;
  EXPECT_NO_THROW(parse_result_json(ours + aggregate("stddev", "0") + "," + aggregate("median", "2") + "]}", "fine.json"));
}

TEST(report_result_file, tolerates_aggregate_only_files) {
  // Aggregates only (--benchmark_report_aggregates_only), a verified=0 case.
  const auto f = parse_result_json(R"({"context": {"framebench_schema": "1"}, "benchmarks": [
      {"name": "BM_x/repeats:3_mean", "run_name": "BM_x/repeats:3", "run_type": "aggregate", "aggregate_name": "mean",
       "real_time": 2.0, "cpu_time": 2.0, "time_unit": "ms"},
      {"name": "BM_x/repeats:3_median", "run_name": "BM_x/repeats:3", "run_type": "aggregate", "aggregate_name": "median",
       "real_time": 1.5, "cpu_time": 1.5, "time_unit": "ms", "fps": 10, "repetitions": 3},
      {"name": "e2e/strategy:s/workers:1/manual_time", "run_type": "iteration", "real_time": 3, "time_unit": "s", "verified": 0}
    ]})",
                                   "plain.json");
  EXPECT_EQ(f.host(), "");
  ASSERT_EQ(f.cases.size(), 2u);
  EXPECT_EQ(f.cases[0].name, "BM_x");
  EXPECT_EQ(f.cases[0].kind, CaseKind::other);
  EXPECT_EQ(f.cases[0].times_s(), std::vector<double>{0.0015});
  EXPECT_EQ(f.cases[0].counter_values("fps"), std::vector<double>{10});
  EXPECT_EQ(f.cases[0].repetition_count(), 3) << "the repetitions its median sums up (the table said n = 0)";
  EXPECT_TRUE(f.cases[1].failed);
  EXPECT_EQ(f.cases[1].error_message, "did not verify");
}

TEST(report_result_file, median_and_median_repetition) {
  EXPECT_DOUBLE_EQ(harness::median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(harness::median({4, 1, 3, 2}), 2.5);
  CaseResult c;
  for (double t : {4.0, 1.0, 3.0, 2.0}) c.repetitions.emplace_back().real_time_s = t;
  ASSERT_NE(c.median_repetition(), nullptr);
  EXPECT_DOUBLE_EQ(c.median_repetition()->real_time_s, 2.0);  // the lower middle of an even count
}

}  // namespace
}  // namespace framebench::reports
