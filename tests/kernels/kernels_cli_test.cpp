// `framebench kernels` through the real CLI: the cases, counters and context it writes, the sweep
// file, and bad input (one line on stderr, exit status 2, no results file).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <set>

#include <signal.h>

#include <chrono>
#include <thread>

#include "core/scratch_dir.hpp"
#include "core/stopwatch.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::slurp;
using nlohmann::json;
using testing::expect_one_line_error;
using testing::lines;
using testing::run_framebench;

// A table row's cells, split at blanks (an interval's cell is several).
std::vector<std::string> words(const std::string& row) {
  std::vector<std::string> out;
  std::istringstream in(row);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

double context_number(const json& context, const char* key) {
  EXPECT_TRUE(context.contains(key)) << key;
  return context.contains(key) ? std::stod(context[key].get<std::string>()) : 0;
}

TEST(KernelsCli, MeasuresEveryRequestedCaseWithItsCounters) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--kernel", "box5", "--kernel", "sharpen3", "--impl", "cpu-fast", "--impl", "opencv-sep",
                                 "--impl", "tbb-rows", "--size", "40x30", "--threads", "2", "--benchmark_min_time=0.01",
                                 "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto results = read_json(out);
  const auto& context = results["context"];
  EXPECT_EQ(context["framebench_schema"], "1");
  EXPECT_EQ(context["kind"], "kernels");
  EXPECT_FALSE(context["cpu_model"].get<std::string>().empty());
  const double single = context_number(context, "mem_bandwidth_single_core_bytes_per_s");
  const double all = context_number(context, "mem_bandwidth_all_cores_bytes_per_s");
  EXPECT_GT(single, 1e8);
  EXPECT_GT(all, 1e8);
  // opencv-sep cannot run sharpen3: recorded with the reason, not run.
  const auto unavailable = json::parse(context["unavailable"].get<std::string>());
  ASSERT_EQ(unavailable.size(), 1u) << unavailable;
  EXPECT_EQ(unavailable[0]["case"], "kernel/impl:opencv-sep/kernel:sharpen3/size:40x30");
  EXPECT_NE(unavailable[0]["reason"].get<std::string>().find("not separable"), std::string::npos);

  std::set<std::string> names;
  for (const auto& b : results["benchmarks"]) {
    const auto name = b["name"].get<std::string>();
    names.insert(name);
    ASSERT_FALSE(b.value("error_occurred", false)) << name << ": " << b.value("error_message", "");
    const bool multithreaded = name.find("impl:cpu-fast") == std::string::npos;  // tbb-rows and OpenCV use the budget
    const double fps = b["fps"].get<double>();
    EXPECT_GT(fps, 0) << name;
    EXPECT_NEAR(b["pixels_per_second"].get<double>() / (fps * 40 * 30), 1, 1e-6) << name;
    EXPECT_NEAR(b["bytes_per_second"].get<double>() / (fps * 2 * 40 * 30 * 3), 1, 1e-6) << name;
    const double roofline = multithreaded ? all : single;  // the all-cores figure only for multithreaded runs
    EXPECT_NEAR(b["bandwidth_fraction"].get<double>() / (b["bytes_per_second"].get<double>() / roofline), 1, 1e-3) << name;
    EXPECT_EQ(b["verified"].get<double>(), 1) << name;
    EXPECT_EQ(b["thread_budget"].get<double>(), multithreaded ? 2 : 1) << name;
    EXPECT_EQ(b["threads"].get<double>(), 1) << name << ": Google Benchmark's own (a second key would be read here instead)";
  }
  EXPECT_EQ(names, (std::set<std::string>{"kernel/impl:cpu-fast/kernel:box5/size:40x30/real_time",
                                          "kernel/impl:opencv-sep/kernel:box5/size:40x30/real_time",
                                          "kernel/impl:tbb-rows/kernel:box5/size:40x30/real_time",
                                          "kernel/impl:cpu-fast/kernel:sharpen3/size:40x30/real_time",
                                          "kernel/impl:tbb-rows/kernel:sharpen3/size:40x30/real_time"}));
}

// The native path's yuv420p planes: each plane filtered on its own, verified, its bytes counted
// per plane; implementations that filter BGR24 only are skipped with the reason.
TEST(KernelsCli, NativePixelFormatFiltersYuv420pPlanes) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--kernel", "gaussian5", "--impl", "cpu-fast", "--impl", "opencv-sep", "--impl", "tbb-rows",
                                 "--size", "41x31", "--pixel-format", "native", "--pixel-format", "bgr24",
                                 "--benchmark_min_time=0.01", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The table says which rows are of the native path.
  const auto out_lines = lines(r.out);
  EXPECT_EQ(std::count_if(out_lines.begin(), out_lines.end(), [](const std::string& l) {
              const auto w = words(l);
              return w.size() > 4 && w[0] == "cpu-fast" && w[2] == "41x31" && w[4] == "native";
            }), 1) << r.out;
  const auto results = read_json(out);
  const auto unavailable = json::parse(results["context"]["unavailable"].get<std::string>());
  ASSERT_EQ(unavailable.size(), 1u) << unavailable;
  EXPECT_EQ(unavailable[0]["case"], "kernel/impl:opencv-sep/kernel:gaussian5/pixel_format:native/size:41x31");
  EXPECT_NE(unavailable[0]["reason"].get<std::string>().find("BGR24 frames only"), std::string::npos);
  std::set<std::string> names;
  for (const auto& b : results["benchmarks"]) {
    const auto name = b["name"].get<std::string>();
    names.insert(name);
    ASSERT_FALSE(b.value("error_occurred", false)) << name << ": " << b.value("error_message", "");
    EXPECT_EQ(b["verified"].get<double>(), 1) << name;
    // Luma 41x31 and two chroma planes of 21x16, read and written once.
    const double frame_bytes = name.find("pixel_format:native") != std::string::npos ? 41 * 31 + 2 * 21 * 16 : 41 * 31 * 3;
    EXPECT_NEAR(b["bytes_per_second"].get<double>() / (b["fps"].get<double>() * 2 * frame_bytes), 1, 1e-6) << name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"kernel/impl:cpu-fast/kernel:gaussian5/pixel_format:native/size:41x31/real_time",
                                          "kernel/impl:tbb-rows/kernel:gaussian5/pixel_format:native/size:41x31/real_time",
                                          "kernel/impl:cpu-fast/kernel:gaussian5/size:41x31/real_time",
                                          "kernel/impl:opencv-sep/kernel:gaussian5/size:41x31/real_time",
                                          "kernel/impl:tbb-rows/kernel:gaussian5/size:41x31/real_time"}));
}

// With repetitions Google Benchmark writes NaN for the spread of a counter that is always 0
// (max_abs_diff of an exact implementation); the file must still be strict JSON.
TEST(KernelsCli, RepetitionsStillGiveStrictJson) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--kernel", "box5", "--impl", "cpu-fast", "--size", "40x30",
                                 "--benchmark_min_time=0.01", "--benchmark_repetitions=3", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto results = read_json(out);  // nlohmann's parser refuses NaN
  int aggregates = 0;
  for (const auto& b : results["benchmarks"]) aggregates += b.value("run_type", "") == "aggregate";
  EXPECT_GE(aggregates, 3);
}

// Found 5 December 2026 by a hostile-input sweep: with aggregates only, the table and `summary`
// said n = 0; and a thread budget past the cores ran without a word.
TEST(KernelsCli, AggregatesOnlyCountTheirRepetitionsAndThreadsPastTheCoresAreSaid) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--kernel", "box5", "--impl", "tbb-rows", "--size", "40x30", "--threads", "4096",
                                 "--benchmark_min_time=0.01", "--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true",
                                 "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("framebench: warning: --threads 4096 is more than this machine's"), std::string::npos) << r.err;
  const auto table = lines(r.out);
  const auto found = std::find_if(table.begin(), table.end(), [](const std::string& l) { return l.starts_with("tbb-rows"); });
  ASSERT_NE(found, table.end()) << r.out;
  const auto found_words = words(*found);
  ASSERT_GE(found_words.size(), 3u) << *found;
  EXPECT_EQ(found_words[found_words.size() - 3], "3") << *found;  // n, noise, status
  const auto summary = run_framebench({"summary", out.string()});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("| 3 |"), std::string::npos) << summary.out;
}

// A repeated entry makes its case once; twice, the result file's readers refused it.
TEST(KernelsCli, ARepeatedEntryMakesOneCase) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--kernel", "box3", "--kernel", "box3", "--impl", "reference", "--size", "8x8", "--size", "8x8",
                                 "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_json(out)["benchmarks"].size(), 1u);
  EXPECT_EQ(run_framebench({"summary", out.string()}).exit_code, 0);
}

// Like `run`: the summary table of its results file, as `summary` reads it; Google Benchmark's
// console only with --benchmark-console.
TEST(KernelsCli, PrintsASummaryTableAndGoogleBenchmarksConsoleOnlyWhenAsked) {
  ScratchDir dir("kernels-cli");
  const auto out = dir / "r.json";
  // Three repetitions: the median time is then one repetition's, the reciprocal of the median fps.
  const std::vector<std::string> args = {"kernels", "--kernel", "box5", "--impl", "cpu-fast", "--impl", "opencv-sep", "--size", "40x30",
                                         "--benchmark_min_time=0.01", "--benchmark_repetitions=3", "--out", out.string()};
  const auto r = run_framebench(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out_lines = lines(r.out);
  const auto header = std::find_if(out_lines.begin(), out_lines.end(), [](const std::string& l) { return l.starts_with("impl "); });
  ASSERT_NE(header, out_lines.end()) << r.out;
  for (const char* column : {"kernel", "size", "threads", "ms/frame", "fps", "GB/s", "bandwidth", "status"})
    EXPECT_NE(header->find(column), std::string::npos) << column;
  // One row per case, with its figures: the median of the three repetitions.
  for (const char* impl : {"cpu-fast", "opencv-sep"}) {
    const auto row = std::find_if(header, out_lines.end(), [&](const std::string& l) { return l.starts_with(impl); });
    ASSERT_NE(row, out_lines.end()) << impl << "\n" << r.out;
    EXPECT_NE(row->find("box5"), std::string::npos) << *row;
    EXPECT_NE(row->find("40x30"), std::string::npos) << *row;
    EXPECT_NE(row->find("%"), std::string::npos) << *row;
    const auto w = words(*row);
    ASSERT_GE(w.size(), 3u) << *row;
    EXPECT_EQ(w[w.size() - 3], "3") << *row;  // n, then no noise figure (kernels record none), then the status
    EXPECT_EQ(w.back(), "ok") << *row;
    // A 40x30 frame takes microseconds: shown to its digits, not as 0.000 or 0.002 (found 6 December
    // 2026 by a hostile-input sweep). The row's time is 1/fps, so with four significant digits the
    // two agree within 0.1%; three decimals of a 1.86 us frame ("0.002") were 7% off.
    std::istringstream fields(*row);
    std::string name, kernel, size, threads;
    double ms = 0, fps = 0;
    fields >> name >> kernel >> size >> threads >> ms >> fps;
    EXPECT_NEAR(ms * fps, 1000.0, 1.0) << *row;
  }
  // Google Benchmark's own output stays out: its counters, its context, its warnings.
  for (const char* raw : {"bandwidth_fraction=", "Run on (", "***WARNING***", "Benchmark   "}) {
    EXPECT_EQ(r.out.find(raw), std::string::npos) << raw << "\n" << r.out;
    EXPECT_EQ(r.err.find(raw), std::string::npos) << raw << "\n" << r.err;
  }
  // Debian's libbenchmark calls itself a DEBUG build: explained once, not left as a bare warning.
  const bool debug = read_json(out)["context"]["library_build_type"] == "debug";
  const auto note = std::count_if(out_lines.begin(), out_lines.end(),
                                  [](const std::string& l) { return l.find("Google Benchmark reports itself as a DEBUG build") != std::string::npos; });
  EXPECT_EQ(note, debug ? 1 : 0) << r.out;
  // `summary` of the file shows the same rows (found 6 December 2026: it showed a run's columns,
  // speedups that kernels have none of, and no bandwidth).
  const auto summary = run_framebench({"summary", out.string()});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  for (const char* column : {"| threads |", "| ms/frame |", "| GB/s |", "| bandwidth |"})
    EXPECT_NE(summary.out.find(column), std::string::npos) << column << "\n" << summary.out;
  EXPECT_EQ(summary.out.find("speedup"), std::string::npos) << summary.out;
  EXPECT_FALSE(read_json(out)["context"]["library_build_type_note"].get<std::string>().empty());

  auto loud_args = args;
  loud_args.push_back("--benchmark-console");
  const auto loud = run_framebench(loud_args);
  ASSERT_EQ(loud.exit_code, 0) << loud.err;
  EXPECT_NE(loud.out.find("bandwidth_fraction="), std::string::npos) << loud.out;
  EXPECT_NE(loud.out.find("\nimpl "), std::string::npos) << loud.out;  // the summary still ends it
}

TEST(KernelsCli, SweepFileDrivesTheCases) {
  ScratchDir dir("kernels-cli");
  std::ofstream(dir / "mini.toml") << "name = \"mini\"\ndescription = \"two tiny kernels\"\n"
                                      "[sweep]\nimpl = [\"cpu-fast\", \"cpu-fft\"]\n"
                                      "kernel = [\"disc:3\", \"custom:1,2,1,2,4,2,1,2,1/16\"]\nsize = \"24x16\"\n";
  const auto out = dir / "r.json";
  const auto r = run_framebench({"kernels", "--config", (dir / "mini.toml").string(), "--benchmark_min_time=0.01", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto results = read_json(out);
  EXPECT_EQ(results["context"]["config_name"], "mini");
  EXPECT_EQ(results["context"]["config_hash"].get<std::string>().size(), 16u);
  std::set<std::string> names;
  for (const auto& b : results["benchmarks"]) names.insert(b["name"].get<std::string>());
  // A '/' in a kernel name would split the case name's segments, so it is written %2F.
  EXPECT_EQ(names, (std::set<std::string>{"kernel/impl:cpu-fast/kernel:disc:3/size:24x16/real_time",
                                          "kernel/impl:cpu-fft/kernel:disc:3/size:24x16/real_time",
                                          "kernel/impl:cpu-fast/kernel:custom:1,2,1,2,4,2,1,2,1%2F16/size:24x16/real_time",
                                          "kernel/impl:cpu-fft/kernel:custom:1,2,1,2,4,2,1,2,1%2F16/size:24x16/real_time"}));
  EXPECT_FALSE(results["context"].contains("config_replaced_by"));
  // Lists given on the command line replace the file's, and the result says which (found
  // 5 December 2026 by a hostile-input sweep: it recorded the file's text alone).
  const auto replaced = run_framebench({"kernels", "--config", (dir / "mini.toml").string(), "--kernel", "box3", "--impl", "cpu-fast",
                                        "--benchmark_min_time=0.01", "--out", out.string()});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  const auto context = read_json(out)["context"];
  EXPECT_EQ(context["config_name"], "mini");
  EXPECT_EQ(context["config_replaced_by"], "--impl cpu-fast --kernel box3");
}

TEST(KernelsCli, ShippedSweepIsValid) {
  const auto r = run_framebench({"kernels", "--config", FRAMEBENCH_SOURCE_DIR "/configs/kernels.toml", "--benchmark_list_tests=true"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto names = lines(r.out);
  EXPECT_EQ(names.size(), 3u * 3 * 15) << r.out;  // impls x families x sizes 3..31
  for (const char* expected : {"kernel/impl:cpu-fft/kernel:disc:31/size:1920x1080/real_time",
                               "kernel/impl:opencv-filter2d/kernel:gaussian:3/size:1920x1080/real_time",
                               "kernel/impl:cpu-fast/kernel:box:17/size:1920x1080/real_time"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected;
}

TEST(KernelsCli, BadInputIsOneLineAndLeavesNoResults) {
  ScratchDir dir("kernels-cli");
  std::ofstream(dir / "bad.toml") << "name = \"bad\"\n[sweep]\nimpl = [\"cpu-fast\"]\nkernel = [\"box5\"]\nsize = [\"8x8\"]\nsizes = 1\n";
  std::ofstream(dir / "bad-pixels.toml") << "name = \"bad\"\n[sweep]\nimpl = [\"cpu-fast\"]\nkernel = [\"box5\"]\nsize = [\"8x8\"]\n"
                                            "pixel_format = [\"native\", \"rgb\"]\n";
  const auto out = (dir / "r.json").string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--kernel", "box4"}, "kernel 'box4'"},
      {{"--impl", "cpu-fastest"}, "'cpu-fastest'"},
      {{"--size", "1920"}, "size '1920'"},
      {{"--size", "0x10"}, "size '0x10'"},
      {{"--benchmark_bogus=1"}, "--benchmark_bogus=1"},
      {{"--benchmark_out=x.json"}, "use --out"},
      // Found 6 December 2026 by a hostile-input sweep: Google Benchmark took these pairs before
      // framebench's own provenance, and the file said framebench_schema 999, which summary refused.
      {{"--benchmark_context=framebench_schema=999"}, "the results' context is framebench's provenance"},
      // ... and this one got Google Benchmark's own line before framebench's.
      {{"--benchmark_repetitions=2.0"}, "--benchmark_repetitions=2.0: must be a whole number from 1 to 100000"},
      {{"--config", (dir / "bad.toml").string()}, "sweep.sizes: unknown key (did you mean 'size'?)"},
      {{"--config", (dir / "missing.toml").string()}, "missing.toml"},
      {{"--pixel-format", "yuv"}, "--pixel-format: unknown pixel format 'yuv'"},
      {{"--config", (dir / "bad-pixels.toml").string()}, "sweep.pixel_format[1]: unknown pixel format 'rgb'"},
      // Found 5 December 2026 by a hostile-input sweep: Google Benchmark printed its usage and
      // exited 0 for the first two, leaving a temporary beside --out and its scratch; it printed a
      // line of its own before ours for the third.
      {{"--benchmark_format=xml"}, "--benchmark_format=xml: must be console, json or csv"},
      {{"--benchmark_time_unit=xs"}, "--benchmark_time_unit=xs: must be ns, us, ms or s"},
      {{"--benchmark_min_time=5x"}, "--benchmark_min_time=5x: must be a number of seconds"},
      {{"--benchmark_color=purple"}, "--benchmark_color=purple: must be auto, or true or false"},
      {{"--benchmark_display_aggregates_only=maybe"}, "--benchmark_display_aggregates_only=maybe: must be true or false (yes/no, on/off, 1/0)"},
      // Found 5 December 2026 by a hostile-input sweep: std::regex searched this for 10 minutes,
      // through SIGTERM, then left the results lock and scratch behind.
      {{"--size", "16x16", "--impl", "reference", "--benchmark_filter=" + [] {
          std::string nested;
          for (int i = 0; i < 18; ++i) nested += "(.*)*";
          return nested + "X";
        }()},
       "took over 2 s to match"},
      // ... and this was three lines, after the memory bandwidth was measured.
      {{"--impl", "opencv-sep", "--kernel", "sharpen3", "--size", "16x16"}, "no case can run: opencv-sep"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> argv = {"kernels", "--out", out};
    argv.insert(argv.end(), args.begin(), args.end());
    expect_one_line_error(run_framebench(argv), message);
    EXPECT_FALSE(fs::exists(out)) << args[0];
  }
  // A folder for --out is refused before it is made.
  expect_one_line_error(run_framebench({"kernels", "--out", (dir / "sub" / "x").string() + "/", "--size", "8x8"}),
                        "x/: is a directory, not a file to write");
  EXPECT_FALSE(fs::exists(dir / "sub"));
  // A filter matching nothing is said before Google Benchmark runs (which printed its own line), with
  // what the cases are called (found 5 December 2026 by a review of first use).
  const auto r = run_framebench({"kernels", "--out", out, "--kernel", "box5", "--size", "8x8", "--benchmark_filter=box3"});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_FALSE(lines(r.err).empty());
  EXPECT_TRUE(lines(r.err).back().starts_with("framebench: --benchmark_filter=box3: no case matches; cases are named like "
                                              "kernel/impl:"))
      << r.err;
  EXPECT_NE(r.err.find("this sweep's kernels are box5 (--kernel sweeps others"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Failed to match"), std::string::npos) << r.err;
  // ... matched as Google Benchmark matches, on the name with its timing segment.
  const auto timed = run_framebench({"kernels", "--out", out, "--kernel", "box5", "--impl", "cpu-fast", "--size", "8x8",
                                     "--benchmark_min_time=0.01", "--benchmark_filter=real_time$"});
  EXPECT_EQ(timed.exit_code, 0) << timed.err;
  fs::remove(out);
  EXPECT_FALSE(fs::exists(out));
  // Only the configs we wrote are there: no partial results, no temporaries.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2);
}

// `framebench kernels ARGS`, its stderr in DIR/stderr and its scratch in DIR/tmp.
Subprocess start_kernels(const ScratchDir& dir, const std::vector<std::string>& args) {
  fs::create_directory(dir / "tmp");
  SpawnOptions options;
  options.stderr_file = dir / "stderr";
  options.extra_env = {"TMPDIR=" + (dir / "tmp").string()};
  std::vector<std::string> argv = {FRAMEBENCH_BINARY, "kernels"};
  argv.insert(argv.end(), args.begin(), args.end());
  return Subprocess(argv, options);
}

// Sends `signal` and waits for the exit, which must come within `seconds`.
ExitStatus stop(Subprocess& process, int signal, double seconds) {
  const Stopwatch stopping;
  process.kill(signal);
  const auto status = process.wait();
  EXPECT_LT(stopping.seconds(), seconds);
  return status;
}

// SIGTERM in the middle of a sweep ends it at the next iteration, exit 143, no results file
// (before, `kernels` never looked at the signal and ran every remaining case to the end).
// The second sweep repeats each case: a case skipped for the signal used to make Google Benchmark
// abort (its statistics want as many iterations in every repetition), exit 134 with its scratch
// left behind (found by a hostile-input sweep).
// A filter search that would run for ever stops at Ctrl-C, its child with it; and the bad input
// that makes `kernels` write nothing makes no results/ folder either (found 5 December 2026 by a
// hostile-input sweep: an empty one was left each time).
TEST(KernelsCli, CtrlCStopsAFilterSearchAndBadInputMakesNoResultsFolder) {
  const ScratchDir dir("kernels-filter-signal");
  std::string nested;
  for (int i = 0; i < 22; ++i) nested += "(.*)*";
  Subprocess search = start_kernels(dir, {"--impl", "reference", "--kernel", "box3", "--size", "16x16", "--out", (dir / "k.json").string(),
                                          "--benchmark_filter=" + nested + "X"});
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto status = stop(search, SIGINT, 1.5);
  EXPECT_EQ(status.code, 128 + SIGINT) << status.describe() << slurp(dir / "stderr");
  EXPECT_TRUE(fs::is_empty(dir / "tmp")) << "scratch left behind";
  EXPECT_FALSE(fs::exists(dir / "k.json"));
  fs::create_directory(dir / "work");
  for (const char* bad : {"--benchmark_repetitions=0", "--benchmark_color=purple", "--benchmark_filter=nomatch"})
    EXPECT_EQ(run_framebench({"kernels", "--impl", "reference", "--kernel", "box3", "--size", "16x16", bad}, {}, dir / "work").exit_code, 2)
        << bad;
  EXPECT_EQ(run_framebench({"kernels", "--impl", "reference", "--kernel", "box3", "--size", "16x16", "--benchmark_list_tests"}, {},
                           dir / "work").exit_code, 0);
  EXPECT_TRUE(fs::is_empty(dir / "work")) << "a results/ folder was made";
}

// One frame of the reference with a 63-pixel disc at 1080p takes about 25 s here: Ctrl-C used to
// wait for it, and left the results folder it had made (found 6 December 2026 by a hostile-input
// sweep). It stops at the next row now, and takes away the folders it made.
TEST(KernelsCli, CtrlCStopsWithinALongFrameAndLeavesNoFolderItMade) {
  const ScratchDir dir("kernels-long-frame");
  Subprocess sweep = start_kernels(dir, {"--impl", "reference", "--kernel", "disc:63", "--size", "1920x1080", "--out",
                                         (dir / "new" / "deeper" / "k.json").string(), "--benchmark_min_time=0.001"});
  // Into the case's first frame, past the bandwidth probe, with the folders made.
  bool in_the_case = false;
  for (int i = 0; i < 3000 && !in_the_case; ++i) {
    in_the_case = slurp(dir / "stderr").find("kernels [1/1]") != std::string::npos;
    if (!in_the_case) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(in_the_case) << slurp(dir / "stderr");
  ASSERT_TRUE(fs::exists(dir / "new" / "deeper"));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const auto status = stop(sweep, SIGINT, 5.0);
  EXPECT_EQ(status.code, 128 + SIGINT) << status.describe() << slurp(dir / "stderr");
  EXPECT_FALSE(fs::exists(dir / "new")) << "the folders made for the results stayed";
  EXPECT_TRUE(fs::is_empty(dir / "tmp")) << "scratch left behind";
}

TEST(KernelsCli, ASignalStopsTheSweepAtOnceAndWritesNothing) {
  for (const auto& [signal, repetitions] : {std::pair{SIGTERM, "1"}, std::pair{SIGINT, "5"}}) {
    const ScratchDir dir("kernels-signal-test");
    const auto results = dir / "k.json";
    // Eight cases of at least 3 s each: 24 s or more if the signal were ignored.
    std::vector<std::string> args = {"--impl", "cpu-fast", "--size", "320x240", "--out", results.string(), "--benchmark_min_time=3",
                                     std::string("--benchmark_repetitions=") + repetitions};
    for (const char* k : {"box3", "box5", "box7", "box15", "gaussian5", "gaussian15", "sharpen3", "edge3"})
      args.insert(args.end(), {"--kernel", k});
    Subprocess sweep = start_kernels(dir, args);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // past the bandwidth probe, into the first cases
    const auto status = stop(sweep, signal, 5.0);
    EXPECT_EQ(status.code, 128 + signal) << status.describe();
    EXPECT_FALSE(fs::exists(results));
    EXPECT_NE(slurp(dir / "stderr").find("; stopped: nothing written (a partial sweep is not a result)"), std::string::npos)
        << slurp(dir / "stderr");
    EXPECT_TRUE(fs::is_empty(dir / "tmp")) << "scratch left behind";
    for (const auto& entry : fs::directory_iterator(dir.path()))
      EXPECT_TRUE(entry.path().filename() == "stderr" || entry.path().filename() == "tmp") << "left behind: " << entry.path();
  }
}

}  // namespace
}  // namespace framebench
