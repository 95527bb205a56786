// End to end through the real binary: process a real video, run a config, read the results.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::run_framebench;

// A clip made by the ffmpeg CLI, an independent producer: odd size and an NTSC frame rate.
// testsrc2 makes even sizes only: odd ones come from a crop.
fs::path make_clip(const ScratchDir& dir, const std::string& name, const std::string& size, const std::string& crop,
                   const std::string& rate, int frames,
                   const std::vector<std::string>& codec_args) {
  std::vector<std::string> argv = {"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                                   fmt::format("testsrc2=size={}:rate={},format=yuv444p,crop={}", size, rate, crop), "-frames:v", std::to_string(frames)};
  argv.insert(argv.end(), codec_args.begin(), codec_args.end());
  argv.push_back((dir / name).string());
  EXPECT_TRUE(run_capture(argv).status.ok());
  return dir / name;
}

std::string ffprobe(const fs::path& file, const std::string& entries) {
  return run_capture({"ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries", entries, "-of",
                      "default=nw=1:nk=1", file.string()})
      .out;
}

TEST(Run, ProcessKeepsFrameCountAndDurationOfARealVideo) {
  ScratchDir dir("run-test");
  const auto in = make_clip(dir, "in.mkv", "172x98", "171:97:0:0", "30000/1001", 37, {"-c:v", "libx264", "-pix_fmt", "yuv444p"});
  const auto out = dir / "out.mkv";
  const auto r = run_framebench({"process", in.string(), out.string(), "--strategy", "single-core", "--kernel", "box5", "--encoder",
                                 "ffv1", "--verify"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("verified (exact)"), std::string::npos) << r.out;
  EXPECT_EQ(ffprobe(out, "stream=nb_read_frames"), "37\n");
  EXPECT_EQ(ffprobe(out, "stream=width,height"), "171\n97\n");
  const double in_duration = 37 * 1001.0 / 30000.0;
  const double out_duration = std::stod(run_capture({"ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
                                                     "default=nw=1:nk=1", out.string()}).out);
  EXPECT_NEAR(out_duration, in_duration, 1001.0 / 30000.0 / 2);
}

TEST(Run, CiConfigWritesGoogleBenchmarkJsonWithProvenance) {
  ScratchDir dir("run-test");
  const auto results = dir / "ci.json";
  const auto r = run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  const auto& context = json.at("context");
  for (const char* key : {"framebench_schema", "framebench_version", "framebench_git_commit", "config_name", "config_hash", "config_text",
                          "dataset:tiny", "cpu_model", "gpu_name", "libav_versions", "bgr_conversions", "x264_version", "opencv_version", "tbb_version",
                          "compiler", "host_name", "num_cpus"})
    EXPECT_TRUE(context.contains(key)) << key;
  EXPECT_EQ(context.at("config_name"), "ci");
  EXPECT_FALSE(context.contains("ffmpeg_program")) << "no case of ci.toml runs it";
  int iterations = 0;
  for (const auto& b : json.at("benchmarks")) {
    EXPECT_EQ(b.at("name").get<std::string>().rfind("e2e/strategy:", 0), 0u);
    EXPECT_FALSE(b.value("error_occurred", false)) << b.dump();
    if (b.at("run_type") != "iteration") continue;
    ++iterations;
    EXPECT_GT(b.at("fps").get<double>(), 0);
    EXPECT_EQ(b.at("verified").get<double>(), 1);
    EXPECT_GT(b.at("frames").get<double>(), 0);
    for (const char* counter : {"decode_s", "filter_s", "encode_s", "cpu_s", "peak_rss_bytes", "scratch_bytes", "wall_s"})
      EXPECT_TRUE(b.contains(counter)) << counter;
  }
  EXPECT_GE(iterations, 2);
  // Nothing but the results file appears: scratch and temporaries are gone.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

// A run with a peer that runs the `ffmpeg` program records which one PATH found (found 7 December
// 2026 by a fairness audit: a slower one first in PATH changed the peer's times without a trace).
TEST(Run, ARunWithAPeerRecordsTheFfmpegProgramItRan) {
  const auto ffmpeg = find_in_path("ffmpeg");
  if (ffmpeg.empty()) GTEST_SKIP() << "no ffmpeg in PATH";
  ScratchDir dir("run-test");
  std::ofstream(dir / "p.toml") << "name = \"p\"\nwarmup = 0\nrepetitions = 1\n[matrix]\ndataset = [\"tiny\"]\n"
                                << "strategy = [\"single-core\", \"ffmpeg-filter\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n";
  const auto r = run_framebench({"run", (dir / "p.toml").string(), "--out", (dir / "p.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto context = nlohmann::json::parse(std::ifstream(dir / "p.json")).at("context");
  ASSERT_TRUE(context.contains("ffmpeg_program"));
  EXPECT_TRUE(context.at("ffmpeg_program").get<std::string>().starts_with(ffmpeg.string() + ": ffmpeg version "))
      << context.at("ffmpeg_program");
}

// Each repetition records the size of the file it wrote: the same job through `process` writes a
// file of that size (FFV1 on one thread is deterministic), and `summary` shows it in MB.
TEST(Run, EachRepetitionRecordsTheSizeOfItsOutput) {
  ScratchDir dir("run-test");
  std::ofstream(dir / "s.toml") << "name = \"s\"\nwarmup = 0\nrepetitions = 2\n[matrix]\ndataset = [\"tiny\"]\n"
                                << "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\nworkers = [1]\n";
  const auto r = run_framebench({"run", (dir / "s.toml").string(), "--out", (dir / "s.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto made = run_framebench({"datasets", "make", "tiny"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const auto path_at = made.out.find('/');
  ASSERT_NE(path_at, std::string::npos) << made.out;
  const fs::path tiny = made.out.substr(path_at, made.out.find('\n', path_at) - path_at);
  const auto processed = run_framebench({"process", tiny.string(), (dir / "p.mkv").string(), "--strategy", "single-core", "--kernel",
                                         "box3", "--encoder", "ffv1", "--workers", "1"});
  ASSERT_EQ(processed.exit_code, 0) << processed.err;
  const auto size = static_cast<double>(fs::file_size(dir / "p.mkv"));
  const auto results = nlohmann::json::parse(std::ifstream(dir / "s.json"));
  int iterations = 0;
  for (const auto& b : results.at("benchmarks")) {
    if (b.at("run_type") != "iteration") continue;
    ++iterations;
    EXPECT_EQ(b.at("output_bytes").get<double>(), size) << b.dump();
  }
  EXPECT_EQ(iterations, 2);
  const auto summary = run_framebench({"summary", (dir / "s.json").string()});
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("| output (MB) |"), std::string::npos) << summary.out;
  EXPECT_NE(summary.out.find(fmt::format("| {:.2f} |", size / 1e6)), std::string::npos) << summary.out;
}

TEST(Run, ConsoleShowsTheSummaryAndGoogleBenchmarksTableOnlyWhenAsked) {
  ScratchDir dir("run-test");
  const std::vector<std::string> args = {"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--filter", "sharpen3.*ffv1",
                                         "--repetitions", "1", "--out", (dir / "r.json").string()};
  const auto quiet = run_framebench(args);
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_NE(quiet.out.find("speedup"), std::string::npos) << quiet.out;
  EXPECT_EQ(quiet.out.find("manual_time"), std::string::npos) << quiet.out;
  auto loud_args = args;
  loud_args.push_back("--benchmark-console");
  const auto loud = run_framebench(loud_args);
  ASSERT_EQ(loud.exit_code, 0) << loud.err;
  EXPECT_NE(loud.out.find("manual_time"), std::string::npos) << loud.out;
  // Its CPU column is the job's, as the results file's cpu_time: not the replay's microseconds
  // (found 6 December 2026 by a documentation walk-through: "CPU 0.001 ms" beside 107 ms).
  std::istringstream line(loud.out.substr(loud.out.find("/manual_time ") + 13));
  double time = 0, cpu = 0;
  std::string time_unit, cpu_unit;
  line >> time >> time_unit >> cpu >> cpu_unit;
  ASSERT_EQ(time_unit, "ms") << loud.out;
  ASSERT_EQ(cpu_unit, "ms") << loud.out;
  EXPECT_GT(cpu, time / 4) << loud.out;  // one core's work, at least, for a whole repetition
}

// A case the strategy can never run is not blamed on the machine, and the other way round.
TEST(Run, SkippedCasesSayWhoseLimitItIs) {
  ScratchDir dir("run-test");
  std::ofstream(dir / "skip.toml") << "name = \"skip\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                      "strategy = [\"single-core\", \"opencv-videoio\", \"tbb-pipeline\"]\nkernel = [\"box5\"]\n"
                                      "encoder = [\"x264-ultrafast\"]\nworkers = [1, 4096]\n[verify]\nmin_psnr_db = 24\n";
  const auto r = run_framebench({"run", (dir / "skip.toml").string(), "--out", (dir / "skip.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("strategy:opencv-videoio/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:1 (the strategy cannot do this)"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("strategy:tbb-pipeline/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:4096 (not available on this machine)"),
            std::string::npos) << r.err;
  // The last lines count them apart too: a case no machine can run is not "unavailable here".
  EXPECT_NE(r.out.find("2 case(s) run, 0 failed, 1 unavailable here, 2 their strategy cannot do\n"), std::string::npos) << r.out;
  std::ifstream in(dir / "skip.json");
  const auto unavailable = nlohmann::json::parse(nlohmann::json::parse(in).at("context").at("unavailable").get<std::string>());
  std::map<std::string, std::string> scope;
  for (const auto& u : unavailable) scope[u.at("case")] = u.at("scope");
  EXPECT_EQ(scope.at("e2e/strategy:opencv-videoio/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:1"), "strategy");
  EXPECT_EQ(scope.at("e2e/strategy:tbb-pipeline/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:4096"), "machine");
}

// Of many skipped cases the run says ten and counts the rest; the results file lists every one
// (found 6 December 2026 by a sweep of large configs: 18,600 "skipping" lines before any work).
TEST(Run, ManySkippedCasesAreSaidAsTenAndACount) {
  ScratchDir dir("run-test");
  std::ofstream(dir / "many.toml") << "name = \"many\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                      "strategy = [\"tbb-pipeline\", \"tbb-chunks\", \"multiprocess-segments\"]\nkernel = [\"box5\"]\n"
                                      "encoder = [\"ffv1\"]\nworkers = [1, 4090, 4091, 4092, 4093, 4094, 4095, 4096]\n";
  const auto r = run_framebench({"run", (dir / "many.toml").string(), "--out", (dir / "many.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::size_t said = 0;
  for (std::size_t at = r.err.find("skipping e2e/"); at != std::string::npos; at = r.err.find("skipping e2e/", at + 1)) ++said;
  EXPECT_EQ(said, 10u) << r.err;
  EXPECT_NE(r.err.find("skipping 11 more cases (the results file lists each under \"unavailable\", with why)"), std::string::npos) << r.err;
  std::ifstream in(dir / "many.json");
  EXPECT_EQ(nlohmann::json::parse(nlohmann::json::parse(in).at("context").at("unavailable").get<std::string>()).size(), 21u);
}

// Found 6 December 2026: mjpeg beside pixel_format "native" failed the run (exit 1) for a case the
// matrix made and the input rules out; it is skipped, its scope "input". When that leaves no case
// to run, the config is bad input.
TEST(Run, ACaseItsInputRulesOutIsSkippedWithTheReason) {
  ScratchDir dir("run-test");
  const auto config = [&](const std::string& name, const std::string& pixel_formats) {
    std::ofstream(dir / (name + ".toml")) << "name = \"" << name << "\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                          << "strategy = [\"single-core\"]\nkernel = [\"box5\"]\nencoder = [\"mjpeg\"]\npixel_format = ["
                                          << pixel_formats << "]\n[verify]\nmin_psnr_db = 24\n";
  };
  config("both", "\"bgr24\", \"native\"");
  const auto r = run_framebench({"run", (dir / "both.toml").string(), "--out", (dir / "both.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string native = "e2e/strategy:single-core/dataset:tiny/kernel:box5/encoder:mjpeg/workers:1/pixel_format:native";
  EXPECT_NE(r.err.find("skipping " + native + " (not possible with this input): "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("encoder 'mjpeg' cannot write yuv420p frames"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 case(s) run, 0 failed, 0 unavailable here, 1 not possible with their input\n"), std::string::npos) << r.out;
  std::ifstream in(dir / "both.json");
  const auto unavailable = nlohmann::json::parse(nlohmann::json::parse(in).at("context").at("unavailable").get<std::string>());
  ASSERT_EQ(unavailable.size(), 1u) << unavailable.dump();
  EXPECT_EQ(unavailable[0].at("case"), native);
  EXPECT_EQ(unavailable[0].at("scope"), "input");

  config("native", "\"native\"");
  const auto none = run_framebench({"run", (dir / "native.toml").string(), "--out", (dir / "native.json").string()});
  testing::expect_one_line_error(none, "native.toml: no case can run: " + native + ": ");
  EXPECT_NE(none.err.find("encoder 'mjpeg' cannot write yuv420p frames"), std::string::npos) << none.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "native.json"));
  // Beside a case this machine rules out, the one line still gives the refused case its own reason
  // (found 6 December 2026 by a review: it gave the last skipped case's).
  std::ofstream(dir / "two.toml") << "name = \"two\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                     "strategy = [\"tbb-pipeline\"]\nkernel = [\"box5\"]\nencoder = [\"mjpeg\"]\nworkers = [1, 4096]\n"
                                     "pixel_format = [\"native\"]\n[verify]\nmin_psnr_db = 24\n";
  testing::expect_one_line_error(run_framebench({"run", (dir / "two.toml").string(), "--out", (dir / "two.json").string()}),
                                 "two.toml: no case can run: e2e/strategy:tbb-pipeline/dataset:tiny/kernel:box5/encoder:mjpeg/workers:1/"
                                 "pixel_format:native: /");
}

TEST(Run, ACaseThatDoesNotVerifyFailsTheRun) {
  ScratchDir dir("run-test");
  // A lossy encoder cannot reach 99 dB: a real verification failure, not a staged one. (An exact
  // check of a lossy encoder is now refused with the config.)
  std::ofstream(dir / "strict.toml") << "name = \"strict\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                        "strategy = [\"single-core\"]\nkernel = [\"box5\"]\nencoder = [\"x264-ultrafast\"]\n"
                                        "[verify]\nmin_psnr_db = 99\n";
  const auto results = dir / "strict.json";
  const auto r = run_framebench({"run", (dir / "strict.toml").string(), "--out", results.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  ASSERT_FALSE(json.at("benchmarks").empty());
  for (const auto& b : json.at("benchmarks")) {
    EXPECT_TRUE(b.value("error_occurred", false));
    EXPECT_NE(b.value("error_message", "").find("did not verify: PSNR"), std::string::npos);
    // ... naming the setting that made the bar.
    EXPECT_NE(b.value("error_message", "").find("below the 99.0 dB threshold (the config's [verify] min_psnr_db, 40 dB by default, sets "
                                                  "the threshold)"),
              std::string::npos)
        << b.value("error_message", "");
  }
}

// On frames a few pixels across, x264 carries the previous frame forward, so a correct output's
// frame resembles its neighbour more than its own: `run` called every strategy's output "out of
// order" (found 5 December 2026 by a correctness sweep). Such an output is checked again beside
// x264's own output of the expected frames, which does the same; the config's bar still applies.
TEST(Run, ATinyLossyClipsFramesCarriedForwardByTheEncoderAreNotCalledMisplaced) {
  ScratchDir dir("run-test");
  const auto clip = dir / "tiny.mp4";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=17x9:rate=25,noise=alls=30:allf=t", "-frames:v",
                           "31", "-c:v", "libx264", "-g", "1", "-pix_fmt", "yuv444p", clip.string()})
                  .status.ok());
  const auto config = [&](int min_psnr_db) {
    std::ofstream(dir / "tiny.toml") << "name = \"tiny\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"" << clip.string()
                                     << "\"]\nstrategy = [\"single-core\", \"tbb-chunks\"]\nkernel = [\"gaussian5\"]\n"
                                        "encoder = [\"x264-ultrafast\"]\n[verify]\nmin_psnr_db = "
                                     << min_psnr_db << "\n";
    return run_framebench({"run", (dir / "tiny.toml").string(), "--out", (dir / "tiny.json").string()});
  };
  const auto r = config(10);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("checking its output again beside x264-ultrafast's own of the expected frames"), std::string::npos)
      << "the clip no longer shows the resemblance this test is about:\n" << r.err;
  int verified = 0;
  const auto json = nlohmann::json::parse(std::ifstream(dir / "tiny.json"));
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") verified += !b.value("error_occurred", false) && b.at("verified").get<double>() == 1;
  EXPECT_EQ(verified, 2) << r.out;
  // The bar stays the config's, not the encoder's own worst frame less a margin.
  const auto strict = config(60);
  EXPECT_EQ(strict.exit_code, 1) << strict.err;
  EXPECT_NE(strict.out.find("below the 60.0 dB threshold"), std::string::npos) << strict.out;
}

// Cases of one input and kernel are verified together after their first round, against one
// decode of the input: each keeps its own outcome.
TEST(Run, CasesOfOneInputAndKernelAreVerifiedTogetherEachWithItsOwnOutcome) {
  ScratchDir dir("run-test");
  // A 99 dB bar: the lossless outputs pass (exact) and the lossy ones cannot (PSNR), in the same check.
  std::ofstream(dir / "mixed.toml") << "name = \"mixed\"\nrepetitions = 2\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                       "strategy = [\"single-core\", \"tbb-pipeline\"]\nkernel = [\"box5\"]\n"
                                       "encoder = [\"ffv1\", \"x264-ultrafast\"]\n[verify]\nmin_psnr_db = 99\n";
  const auto results = dir / "mixed.json";
  const auto r = run_framebench({"run", (dir / "mixed.toml").string(), "--out", results.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("verifying its output and 3 other cases' against one decode of the input"), std::string::npos) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  std::map<std::string, int> verified_repetitions, failures;
  for (const auto& b : json.at("benchmarks")) {
    const std::string name = b.at("run_name");
    if (b.value("error_occurred", false)) {
      EXPECT_NE(b.value("error_message", "").find("did not verify: PSNR"), std::string::npos) << b.dump();
      ++failures[name];
    } else if (b.at("run_type") == "iteration") {
      EXPECT_EQ(b.at("verified").get<double>(), 1) << b.dump();
      ++verified_repetitions[name];
    }
  }
  ASSERT_EQ(verified_repetitions.size(), 2u);
  for (const auto& [name, n] : verified_repetitions) {
    EXPECT_NE(name.find("encoder:ffv1"), std::string::npos) << name;
    EXPECT_EQ(n, 2) << name;
  }
  ASSERT_EQ(failures.size(), 2u);
  for (const auto& [name, n] : failures) EXPECT_NE(name.find("encoder:x264-ultrafast"), std::string::npos) << name;
}

// Only cases with the same expected frames share a check: another kernel is another check. The
// sequential order checks each case alone, right after its first repetition.
TEST(Run, OnlyCasesOfTheSameKernelShareACheckAndTheSequentialOrderChecksEachAlone) {
  ScratchDir dir("run-test");
  std::ofstream(dir / "two.toml") << "name = \"two\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                     "strategy = [\"single-core\", \"tbb-pipeline\"]\nkernel = [\"box3\", \"box5\"]\n"
                                     "encoder = [\"ffv1\"]\n";
  const auto count = [](const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  const auto together = run_framebench({"run", (dir / "two.toml").string(), "--out", (dir / "i.json").string()});
  ASSERT_EQ(together.exit_code, 0) << together.err;
  EXPECT_EQ(count(together.err, "verifying its output and 1 other case's against one decode of the input"), 2) << together.err;
  EXPECT_EQ(count(together.err, "  verified"), 4) << together.err;
  const auto alone =
      run_framebench({"run", (dir / "two.toml").string(), "--order", "sequential", "--out", (dir / "s.json").string()});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_EQ(count(alone.err, "other case"), 0) << alone.err;
  EXPECT_EQ(count(alone.err, "verifying its output"), 4) << alone.err;
  EXPECT_EQ(count(alone.err, "  verified"), 4) << alone.err;
}

// --run-once: each case exactly once and no warm-up, for a profiler wrapped around the run.
TEST(Run, RunOnceRunsEachCaseOnceWithoutWarmup) {
  ScratchDir dir("run-test");
  const auto results = dir / "once.json";
  const auto r = run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--run-once", "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  EXPECT_EQ(json.at("context").at("warmup"), "0");
  EXPECT_EQ(json.at("context").at("min_repetitions"), "1");
  EXPECT_EQ(json.at("context").at("max_repetitions"), "1");
  std::map<std::string, int> repetitions;
  for (const auto& b : json.at("benchmarks"))
    if (b.at("run_type") == "iteration") ++repetitions[b.at("run_name").get<std::string>()];
  EXPECT_EQ(repetitions.size(), 4u);  // ci.toml: two kernels by two encoders
  for (const auto& [name, n] : repetitions) EXPECT_EQ(n, 1) << name;
  // The progress lines say so too: one "round 1" per case and no round 2.
  EXPECT_EQ(r.err.find("round 2"), std::string::npos) << r.err;
  testing::expect_one_line_error(
      run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--run-once", "--repetitions", "3"}), "--run-once");
}

// A file of another build is refused before the run makes any dataset (found 6 December 2026 by a
// review: refused only after the catalog's clips were made).
TEST(Run, ResumingAnotherBuildsFileIsRefusedBeforeAnyDatasetIsMade) {
  ScratchDir dir("run-test");
  const std::string config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml";
  ASSERT_EQ(run_framebench({"run", config, "--repetitions", "1", "--filter", "box5/encoder:ffv1", "--out", (dir / "r.json").string()}).exit_code, 0);
  auto results = nlohmann::json::parse(std::ifstream(dir / "r.json"));
  results["context"]["framebench_git_commit"] = "0123456789ab";
  std::ofstream(dir / "other-build.json") << results.dump();
  fs::create_directory(dir / "empty-cache");
  const auto r = run_framebench({"run", config, "--repetitions", "1", "--filter", "box5/encoder:ffv1", "--resume",
                                 (dir / "other-build.json").string(), "--out", (dir / "r2.json").string()},
                                {"FRAMEBENCH_CACHE_DIR=" + (dir / "empty-cache").string()});
  testing::expect_one_line_error(r, "measured by framebench");
  EXPECT_TRUE(fs::is_empty(dir / "empty-cache")) << "a dataset was made first";
}

// An earlier results file at --out is replaced, and the run says so, once; --resume writes its own
// file back without a word.
TEST(Run, ReplacingAnEarlierResultsFileIsSaid) {
  ScratchDir dir("run-test");
  const auto results = dir / "again.json";
  const std::vector<std::string> args = {"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--run-once", "--filter", "box5/encoder:ffv1",
                                         "--out", results.string()};
  const std::string said = fmt::format("framebench: warning: {} exists: this run's results replace it", results.string());
  const auto first = run_framebench(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.err.find(said), std::string::npos) << first.err;
  const auto again = run_framebench(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find(said), std::string::npos) << again.err;
  const auto resumed = run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--run-once", "--filter", "box5/encoder:ffv1",
                                       "--resume", results.string()});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(resumed.err.find("exists: this run's results replace it"), std::string::npos) << resumed.err;
}

// Google Benchmark's tools read cpu_time; for a strategy whose work is in child processes it must
// hold their CPU time too, as the cpu_s counter does, and the context says so.
TEST(Run, CpuTimeOfAMultiProcessStrategyCountsItsChildren) {
  ScratchDir dir("run-test");
  std::ofstream(dir / "mp.toml") << "name = \"mp\"\nrepetitions = 2\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                    "strategy = [\"multiprocess-segments\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\nworkers = [2]\n";
  const auto results = dir / "mp.json";
  const auto r = run_framebench({"run", (dir / "mp.toml").string(), "--out", results.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(results);
  const auto json = nlohmann::json::parse(in);
  EXPECT_NE(json.at("context").value("cpu_time", "").find("child"), std::string::npos);
  int entries = 0;
  for (const auto& b : json.at("benchmarks")) {
    if (b.value("aggregate_name", "") == "cv") continue;
    ++entries;
    ASSERT_EQ(b.at("time_unit"), "ms");
    const double cpu_s = b.at("cpu_s").get<double>();
    EXPECT_GT(cpu_s, 0);
    EXPECT_NEAR(b.at("cpu_time").get<double>(), 1000 * cpu_s, 1e-9 * 1000 * cpu_s) << b.at("name");
  }
  EXPECT_GE(entries, 2);
}

}  // namespace
}  // namespace framebench
