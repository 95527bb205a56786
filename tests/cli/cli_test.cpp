// Bad input through the real CLI: one clear line on stderr, exit status 2, nothing left behind.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "core/shared_library.hpp"
#include "core/stopwatch.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::expect_one_line_error;
using testing::lines;
using testing::run_framebench;

TEST(Cli, ProcessRejectsMissingEmptyAndNonVideoInputs) {
  ScratchDir dir("cli-test");
  std::ofstream(dir / "empty.mp4").close();
  std::ofstream(dir / "notes.mp4") << "this is not a video\n";
  for (const char* name : {"missing.mp4", "empty.mp4", "notes.mp4"}) {
    const auto input = (dir / name).string();
    const auto r = run_framebench({"process", input, (dir / "out.mp4").string(), "--kernel", "box5"});
    expect_one_line_error(r, input);
    EXPECT_FALSE(fs::exists(dir / "out.mp4"));
  }
  // Only the files we made are there: no partial output, no temporaries.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2);
}

// A FIFO would hang `process` (and be read once only); a directory is no video: both refused up front.
TEST(Cli, InputsThatAreNotRegularFilesAreRefused) {
  ScratchDir dir("cli-test");
  ASSERT_EQ(::mkfifo((dir / "pipe.mp4").c_str(), 0600), 0);
  fs::create_directory(dir / "folder.mp4");
  for (const char* name : {"pipe.mp4", "folder.mp4"}) {
    const auto input = (dir / name).string();
    expect_one_line_error(run_framebench({"process", input, (dir / "out.mp4").string(), "--kernel", "box5"}), input);
    std::ofstream(dir / "c.toml") << "name = \"c\"\n[matrix]\ndataset = [\"" << input << "\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n";
    expect_one_line_error(run_framebench({"run", (dir / "c.toml").string(), "--out", (dir / "r.json").string()}), input);
    EXPECT_FALSE(fs::exists(dir / "out.mp4"));
    EXPECT_FALSE(fs::exists(dir / "r.json"));
  }
}

// Found 5 December 2026 by a hostile-input sweep: a name that is not UTF-8 reached the segment
// workers' JSON and failed in the JSON library's words; a config so named ran its first round and
// failed on its own results; `--out` a device replaced it with a plain file (as root, /dev/null).
TEST(Cli, NamesResultsCannotHoldAndDeviceOutputsAreRefused) {
  ScratchDir dir("cli-test");
  const auto input = dir / "in\xff.mkv";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           input.string()}).status.ok());
  expect_one_line_error(run_framebench({"process", input.string(), (dir / "out.mkv").string(), "--strategy", "multiprocess-segments",
                                        "--kernel", "box3", "--encoder", "ffv1"}),
                        "the name holds bytes that are not UTF-8");
  // A control character is escaped in the workers' JSON: `process` takes it (it reaches no result).
  const auto bell = dir / "in\x07.mkv";
  fs::copy_file(input, bell);
  const auto taken = run_framebench({"process", bell.string(), (dir / "bell-out.mkv").string(), "--strategy", "multiprocess-segments",
                                     "--kernel", "box3", "--encoder", "ffv1", "--verify"});
  EXPECT_EQ(taken.exit_code, 0) << taken.err;
  fs::remove(dir / "bell-out.mkv");
  const auto config = dir / "c\xff.toml";
  std::ofstream(config) << "name = \"c\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n";
  expect_one_line_error(run_framebench({"run", config.string(), "--out", (dir / "r.json").string()}),
                        "its name holds bytes that are not UTF-8, which the results it makes cannot hold");
  ASSERT_EQ(::mkfifo((dir / "fifo.json").c_str(), 0600), 0);
  std::ofstream(dir / "ok.toml") << "name = \"c\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n";
  expect_one_line_error(run_framebench({"run", (dir / "ok.toml").string(), "--out", (dir / "fifo.json").string()}),
                        "is a device, pipe or socket, not a file to write");
  EXPECT_TRUE(fs::is_fifo(dir / "fifo.json"));
  EXPECT_FALSE(fs::exists(dir / "out.mkv"));
  EXPECT_FALSE(fs::exists(dir / "r.json"));
}

// A name with an escape sequence in it, shown on success, is shown escaped, as errors show it
// (found 6 December 2026: `process` and `run` printed it raw, recolouring the terminal).
TEST(Cli, SuccessLinesShowControlCharactersEscaped) {
  ScratchDir dir("cli-test");
  const auto input = dir / "in.mkv";
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           input.string()}).status.ok());
  const auto processed = run_framebench({"process", input.string(), (dir / "o\x1b[31m.mkv").string(), "--kernel", "box3", "--encoder", "ffv1"});
  ASSERT_EQ(processed.exit_code, 0) << processed.err;
  EXPECT_TRUE(fs::exists(dir / "o\x1b[31m.mkv"));
  EXPECT_NE(processed.out.find("o\\x1b[31m.mkv: 3 frames in"), std::string::npos) << processed.out;
  std::ofstream(dir / "c.toml") << "name = \"c\"\n[matrix]\ndataset = [\"" << input.string()
                                << "\"]\nstrategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\n";
  const auto ran = run_framebench({"run", (dir / "c.toml").string(), "--repetitions", "1", "--out", (dir / "r\x1b[31m.json").string()});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_NE(ran.out.find("results: " + (dir / "r\\x1b[31m.json").string() + "\n"), std::string::npos) << ran.out;
  EXPECT_EQ(ran.out.find('\x1b'), std::string::npos) << ran.out;
}

// Output that never arrived is a failure: `completion bash > /dev/full` exited 0.
TEST(Cli, StandardOutputThatCannotBeWrittenFails) {
  const auto r = run_capture({"sh", "-c", std::string("'") + FRAMEBENCH_BINARY + "' completion bash > /dev/full 2>&1; echo $?"});
  EXPECT_EQ(r.out, "1\n");
  // Output within stdio's buffer fails at the last flush, which says why.
  const auto said = run_capture({"sh", "-c", std::string("'") + FRAMEBENCH_BINARY + "' list encoders 2>&1 > /dev/full"});
  EXPECT_EQ(said.out, "framebench: error: cannot write to standard output (No space left on device)\n");
  // Output longer than the buffer fails part way, inside fmt::print: still one line.
  for (const char* command : {"man", "completion bash"}) {
    const auto long_output = run_capture({"sh", "-c", std::string("'") + FRAMEBENCH_BINARY + "' " + command + " 2>&1 > /dev/full; echo $?"});
    EXPECT_EQ(lines(long_output.out).size(), 2u) << command << ": " << long_output.out;
    EXPECT_TRUE(long_output.out.starts_with("framebench: error: cannot write to standard output")) << long_output.out;
    EXPECT_TRUE(long_output.out.ends_with("\n1\n")) << long_output.out;
  }
  // A reader that goes away early (`| head`, quitting `less`) is no failure of ours: the command
  // ends as it would have (found 6 December 2026 by a sweep of environments: exit 1, "cannot write
  // to standard output", where the output passed stdio's buffer after the reader had gone).
  for (const char* command : {"man", "list", "completion bash"}) {
    const auto gone = run_capture({"bash", "-c", std::string("'") + FRAMEBENCH_BINARY + "' " + command + " 2>&1 | true; echo ${PIPESTATUS[0]}"});
    EXPECT_EQ(gone.out, "0\n") << command;
  }
}

// Found before the job runs (an output that is a directory used to fail at the rename, after the
// whole job, with exit status 1).
TEST(Cli, OutputsThatCannotBeWrittenAreRefusedUpFront) {
  ScratchDir dir("cli-test");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           (dir / "in.mkv").string()}).status.ok());
  fs::create_directory(dir / "out.mkv");
  expect_one_line_error(run_framebench({"process", (dir / "in.mkv").string(), (dir / "out.mkv").string(), "--kernel", "box3"}),
                        (dir / "out.mkv").string() + ": is a directory");
  fs::create_directory(dir / "readonly");
  if (::mount("framebench-test", (dir / "readonly").c_str(), "tmpfs", MS_RDONLY, "size=64k") != 0)
    GTEST_SKIP() << "cannot mount a read-only tmpfs here (needs root): " << std::strerror(errno);
  const auto r = run_framebench({"process", (dir / "in.mkv").string(), (dir / "readonly" / "out.mkv").string(), "--kernel", "box3"});
  ::umount2((dir / "readonly").c_str(), MNT_DETACH);
  expect_one_line_error(r, (dir / "readonly" / "out.mkv").string() + ": cannot write there");
}

// Found by a hostile-input sweep: `run --out` naming its own config or input video, an export
// named like the results, `kernels --out` naming its sweep file: each replaced a file it read, and
// said nothing. Now each is one line and exit 2, and the files are as they were.
TEST(Cli, OutputsThatWouldOverwriteWhatTheCommandReadsAreRefused) {
  ScratchDir dir("cli-test");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           (dir / "in.mkv").string()}).status.ok());
  const std::string config_text = "name = \"o\"\nwarmup = 0\nrepetitions = 1\n[matrix]\ndataset = [\"" + (dir / "in.mkv").string() +
                                  "\"]\nstrategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\n";
  std::ofstream(dir / "o.toml") << config_text;
  const auto config = (dir / "o.toml").string();
  const auto size_of_input = fs::file_size(dir / "in.mkv");
  // Not run_framebench, which checks the file --out names against the results schema.
  const auto refused = [](std::vector<std::string> args) {
    args.insert(args.begin(), FRAMEBENCH_BINARY);
    return testing::run_program(args);
  };
  expect_one_line_error(refused({"run", config, "--out", config}), "--out would overwrite the config");
  expect_one_line_error(refused({"run", config, "--out", (dir / "." / "in.mkv").string()}), "--out would overwrite a dataset of the config");
  expect_one_line_error(refused({"run", config, "--out", (dir / "r.json").string(), "--export-csv", (dir / "sub" / ".." / "r.json").string()}),
                        "--export-csv would overwrite --out");
  expect_one_line_error(refused({"kernels", "--config", config, "--out", config}), "--out would overwrite the sweep file");
  expect_one_line_error(run_framebench({"process", (dir / "in.mkv").string(), (dir / "." / "in.mkv").string(), "--kernel", "box3"}),
                        "the output would overwrite the input");
  // A hard link is the same file under another name.
  fs::create_hard_link(dir / "o.toml", dir / "linked.json");
  expect_one_line_error(refused({"run", config, "--out", (dir / "linked.json").string()}), "--out would overwrite the config");
  std::ifstream in(dir / "o.toml");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), config_text);
  EXPECT_EQ(fs::file_size(dir / "in.mkv"), size_of_input);
  EXPECT_FALSE(fs::exists(dir / "r.json"));

  ASSERT_EQ(run_framebench({"run", config, "--out", (dir / "r.json").string()}).exit_code, 0);
  expect_one_line_error(run_framebench({"summary", (dir / "r.json").string(), "--export-csv", (dir / "r.json").string()}),
                        "--export-csv would overwrite the result file");
  expect_one_line_error(run_framebench({"run", config, "--resume", (dir / "r.json").string(), "--export-markdown", (dir / "r.json").string()}),
                        "--export-markdown would overwrite --resume");
  EXPECT_TRUE(nlohmann::json::accept(std::ifstream(dir / "r.json"))) << "the results are still JSON";
  // A fleet's file is refused as one --resume cannot go on with, not with the results reader's
  // advice to pick one host of it, FILE@HOST, which --resume then could not read (found 6 December
  // 2026 by a review).
  {
    auto fleet = nlohmann::json::parse(std::ifstream(dir / "r.json"));
    fleet["fleet"] = nlohmann::json::array({{{"rank", 1}, {"host", "h2"}, {"error", "silent"}}});
    std::ofstream(dir / "fleet.json") << fleet.dump();
  }
  expect_one_line_error(refused({"run", config, "--resume", (dir / "fleet.json").string()}),
                        "fleet.json: a fleet run's results (every host's), which --resume cannot go on with");

  // Found 5 December 2026 by a hostile-input sweep: the catalog a run reads and the clips it caches
  // were replaced, with exit 0.
  const std::string catalog_text = "[mini]\nsource = \"testsrc2\"\nwidth = 64\nheight = 48\nrate = 25\nframes = 3\ngop = 3\n"
                                   "encoder = \"x264-ultrafast\"\ncontainer = \"mkv\"\n";
  std::ofstream(dir / "catalog.toml") << catalog_text;
  std::ofstream(dir / "mini.toml") << "name = \"m\"\nwarmup = 0\nrepetitions = 1\n[matrix]\ndataset = [\"mini\"]\n"
                                      "strategy = [\"single-core\"]\nkernel = [\"box3\"]\nencoder = [\"ffv1\"]\n";
  const std::vector<std::string> env = {"FRAMEBENCH_CATALOG=" + (dir / "catalog.toml").string(), "FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()};
  const auto mini = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {FRAMEBENCH_BINARY, "run", (dir / "mini.toml").string()});
    return testing::run_program(args, env);
  };
  expect_one_line_error(mini({"--out", (dir / "catalog.toml").string()}), "--out would overwrite the dataset catalog");
  expect_one_line_error(mini({"--out", (dir / "r2.json").string(), "--export-csv", (dir / "cache" / "mini.mkv").string()}),
                        "--export-csv would overwrite the cached clip of dataset 'mini'");
  expect_one_line_error(mini({"--out", (dir / "cache" / "mini.json").string()}), "--out would overwrite the manifest of dataset 'mini'");
  // The name is the catalog's first, as the run reads it, even where the working directory has a
  // file or folder so named (found by a review: the check looked at ./mini and let the clip go).
  fs::create_directories(dir / "wd" / "mini");
  expect_one_line_error(run_framebench({"run", (dir / "mini.toml").string(), "--out", (dir / "r2.json").string(), "--export-csv",
                                        (dir / "cache" / "mini.mkv").string()},
                                       env, dir / "wd"),
                        "--export-csv would overwrite the cached clip of dataset 'mini'");
  std::ifstream catalog(dir / "catalog.toml");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(catalog), {}), catalog_text);
  EXPECT_FALSE(fs::exists(dir / "cache")) << "nothing was made";
}

// Found by a hostile-input sweep: `process /dev/stdin ... < clip` passed the regular-file check,
// and a strategy's worker processes, opening /dev/stdin, read their own control pipe for ever.
// The descriptor's name now stands for the file it was opened on.
TEST(Cli, AnInputGivenAsStandardInputReachesWorkerProcesses) {
  ScratchDir dir("cli-test");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "12", "-c:v", "ffv1",
                           (dir / "in.mkv").string()}).status.ok());
  for (const char* strategy : {"multiprocess-segments", "in-memory", "piped-ffmpeg"}) {
    const auto out = dir / (std::string(strategy) + ".mkv");
    const auto r = testing::run_program({"sh", "-c", "exec timeout 60 \"$0\" process /dev/stdin \"$1\" --kernel box3 --encoder ffv1 "
                                                     "--strategy \"$2\" < \"$3\"",
                                         FRAMEBENCH_BINARY, out.string(), strategy, (dir / "in.mkv").string()});
    EXPECT_EQ(r.exit_code, 0) << strategy << ": " << r.err;
    EXPECT_TRUE(fs::exists(out)) << strategy;
  }
  // A file under /dev (tmpfs in /dev/shm) is a file like any other.
  const fs::path shm = "/dev/shm";
  std::error_code ec;
  if (fs::is_directory(shm, ec) && ::access(shm.c_str(), W_OK) == 0) {
    const ScratchDir in_shm("cli-test", shm);
    fs::copy_file(dir / "in.mkv", in_shm / "in.mkv");
    const auto r = testing::run_program({"sh", "-c", "exec timeout 60 \"$0\" process /dev/stdin \"$1\" --kernel box3 --encoder ffv1 "
                                                     "--strategy multiprocess-segments < \"$2\"",
                                         FRAMEBENCH_BINARY, (dir / "shm.mkv").string(), (in_shm / "in.mkv").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  // A descriptor that is no file (a pipe) is still refused, naming it.
  const auto piped = testing::run_program({"sh", "-c", "cat \"$1\" | exec \"$0\" process /dev/stdin \"$2\" --kernel box3",
                                           FRAMEBENCH_BINARY, (dir / "in.mkv").string(), (dir / "p.mkv").string()});
  EXPECT_EQ(piped.exit_code, 2) << piped.err;
  EXPECT_NE(piped.err.find("/dev/stdin"), std::string::npos) << piped.err;
}

// Found by a hostile-input sweep: scale-model caught Ctrl-C and never looked at it, and nothing
// bounded its work (10^5 hosts searched for every one of 10^8 chunks ran for over ten minutes).
TEST(Cli, ScaleModelStopsAtASignalAndRefusesTablesOfTooManyChunks) {
  ScratchDir dir("cli-test");
  std::ofstream(dir / "mpi.json") << R"({"context": {"framebench_schema": "1", "host_name": "a"}, "benchmarks": [
    {"name": "e2e/strategy:mpi-segments/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_name": "e2e/strategy:mpi-segments/dataset:d/kernel:box3/encoder:ffv1/workers:2/iterations:1/repeats:1/manual_time",
     "run_type": "iteration", "repetitions": 1, "threads": 1, "real_time": 2000, "cpu_time": 1, "time_unit": "ms",
     "frames": 100, "input_bytes": 50000, "parts_bytes": 200000, "merge_s": 0.02, "verified": 1}]})";
  const auto results = (dir / "mpi.json").string();
  expect_one_line_error(run_framebench({"scale-model", results, "--hours", "1000", "--rate", "1000", "--chunk-seconds", "0.01"}),
                        "makes 360000000 chunks; at most 10000000 are modelled");
  // Found 5 December 2026 by a hostile-input sweep: a table of -nan, exit 0.
  expect_one_line_error(run_framebench({"scale-model", results, "--hours", "0.001", "--rate", "0.1"}), "is 0.36 frames: less than one to model");
  // 9 million chunks for each of 3 policies, 3 link speeds and 7 host counts: minutes of work.
  SpawnOptions options;
  options.stderr_file = dir / "stderr";
  Subprocess model({FRAMEBENCH_BINARY, "scale-model", results, "--hours", "1000", "--rate", "1000", "--chunk-seconds", "0.4"}, options);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  Stopwatch stopping;
  model.kill(SIGINT);
  const auto status = model.wait();
  EXPECT_LT(stopping.seconds(), 3.0);
  EXPECT_EQ(status.code, 130) << status.describe();
}

// A relative input named "-x.mkv" reads as an option; the message says so and how to name it.
TEST(Cli, AnInputStartingWithADashIsExplained) {
  ScratchDir dir("cli-test");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           (dir / "-x.mkv").string()}).status.ok());
  expect_one_line_error(run_framebench({"process", "-x.mkv", "out.mkv", "--kernel", "box3"}, {}, dir.path()),
                        "'-x.mkv' is a file, read as an option: write ./-x.mkv or put -- before the file names");
  for (const std::vector<std::string>& args : {std::vector<std::string>{"process", "./-x.mkv", "out.mkv", "--kernel", "box3"},
                                               std::vector<std::string>{"process", "--kernel", "box3", "--", "-x.mkv", "-out.mkv"}}) {
    const auto r = run_framebench(args, {}, dir.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_TRUE(fs::exists(dir / "out.mkv"));
  EXPECT_TRUE(fs::exists(dir / "-out.mkv"));
}

// Found 5 December 2026 by hostile-input sweeps: `--export-csv ''`, `report -o ''`, `run --cpus ''`
// and `run --pixel-format ''` were taken as the option not given, with exit 0.
TEST(Cli, EmptyPathsAreRefusedNamingTheOption) {
  const std::string result = FRAMEBENCH_SOURCE_DIR "/docs/results/baseline-1080p.json";
  const std::string config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"summary", result, "--export-csv", ""}, "--export-csv"},
      {{"summary", result, "--export-markdown", ""}, "--export-markdown"},
      {{"report", result, "-o", ""}, "--out"},
      {{"run", config, "--out", ""}, "--out"},
      {{"run", config, "--resume", ""}, "--resume"},
      {{"run", ""}, "config"},
      {{"kernels", "--out", ""}, "--out"},
      {{"compare", result, ""}, "b"},
      {{"process", "in.mkv", "", "--kernel", "box3"}, "output"},
  };
  for (const auto& [args, option] : cases)
    expect_one_line_error(run_framebench(args), option + ": an empty path names no file");
  for (const char* option : {"--cpus", "--pixel-format"})
    expect_one_line_error(run_framebench({"run", config, option, ""}), std::string(option) + ": an empty value says nothing");
  // Found 5 December 2026 by a hostile-input sweep: `run --out -` wrote a file named "-".
  for (const auto& args : std::vector<std::vector<std::string>>{{"run", config, "--out", "-"}, {"summary", result, "--export-csv", "-"}})
    expect_one_line_error(run_framebench(args), "'-' is not standard input or output here but a file of that name; write ./- for it");
  EXPECT_FALSE(fs::exists("-"));
}

// Found 6 December 2026 by a scale-out sweep: a fraction within a count's range was "not in range".
TEST(Cli, CountsThatAreNotWholeNumbersSaySo) {
  expect_one_line_error(run_framebench({"process", "in.mkv", "out.mkv", "--kernel", "box3", "--rank-timeout", "1.5"}),
                        "--rank-timeout: '1.5' is not a whole number from 1 to 86400");
  expect_one_line_error(run_framebench({"process", "in.mkv", "out.mkv", "--kernel", "box3", "--workers", "-1"}),
                        "--workers: '-1' is not a whole number from 0 to 4096");
  expect_one_line_error(run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--max-repetitions", "2.5"}),
                        "--max-repetitions: '2.5' is not a whole number from 1 to 10000");
}

// Found 5 December 2026 by a hostile-input sweep: CLI11's Range passes NaN, since every comparison
// with it is false: `process --min-psnr nan --verify` verified any output, `scale-model --rate nan`
// printed a table of nonsense, both with exit 0.
TEST(Cli, NumbersThatAreNotFiniteAreRefused) {
  const std::string mpi = FRAMEBENCH_SOURCE_DIR "/docs/results/mpi-1080p-quiet.json";
  const std::string config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml";
  for (const char* value : {"nan", "-nan", "inf"}) {
    expect_one_line_error(run_framebench({"process", "in.mkv", "out.mkv", "--kernel", "box3", "--verify", "--min-psnr", value}),
                          fmt::format("--min-psnr: '{}' is not a number from 0.01 to 1000", value));
    for (const char* option : {"--rate", "--hours", "--chunk-seconds", "--gbits", "--host-fps"})
      expect_one_line_error(run_framebench({"scale-model", mpi, option, value}), fmt::format("{}: '{}' is not a number", option, value));
    expect_one_line_error(run_framebench({"process", "in.mkv", "out.mkv", "--kernel", "box3", "--chunk-seconds", value}),
                          "--chunk-seconds: '" + std::string(value) + "' is not a number");
    for (const char* option : {"--confidence", "--max-noise", "--timeout", "--max-time", "--save-every"})
      expect_one_line_error(run_framebench({"run", config, option, value}), fmt::format("{}: '{}'", option, value));
    expect_one_line_error(run_framebench({"compare", mpi, mpi, "--fail-if-slower", value}), fmt::format("--fail-if-slower: '{}'", value));
  }
  // Found by a review: past what a clock's nanoseconds hold, the repetition watchdog fired at once
  // and every case failed as timed out.
  expect_one_line_error(run_framebench({"run", config, "--timeout", "1e10"}), "--timeout: '1e10' is not a positive number of seconds (at most 1000000)");
  EXPECT_EQ(run_framebench({"scale-model", mpi, "--rate", "30", "--hosts", "2"}).exit_code, 0);
}

// Found 5 December 2026 by a hostile-input sweep: a TMPDIR that is a file or missing, or a cache
// folder under a file, failed with exit 1 in std::filesystem's words or without naming the variable;
// `process --verify` found it only after the whole job.
TEST(Cli, ATempOrCacheFolderThatCannotBeIsNamedByItsVariable) {
  ScratchDir dir("cli-test");
  std::ofstream(dir / "file") << "not a folder\n";
  const std::string config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml";
  for (const std::string& tmpdir : {(dir / "file").string(), (dir / "missing").string()})
    expect_one_line_error(run_framebench({"run", config, "--out", (dir / "r.json").string()}, {"TMPDIR=" + tmpdir}),
                          "cannot create scratch in " + tmpdir + " (the temporary folder: $TMPDIR, or /tmp)");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "3", "-c:v", "libx264",
                           (dir / "in.mkv").string()}).status.ok());
  expect_one_line_error(run_framebench({"process", (dir / "in.mkv").string(), (dir / "out.mkv").string(), "--kernel", "box3", "--verify"},
                                       {"TMPDIR=" + (dir / "missing").string()}),
                        "(the temporary folder: $TMPDIR, or /tmp)");
  EXPECT_FALSE(fs::exists(dir / "out.mkv"));
  {
    const auto before_the_job = run_framebench({"process", (dir / "in.mkv").string(), (dir / "out.mkv").string(), "--kernel", "box3", "--verify"},
                                               {"TMPDIR=" + (dir / "missing").string()});
    EXPECT_EQ(before_the_job.out.find("frames in"), std::string::npos) << "the job ran first: " << before_the_job.out;
  }
  expect_one_line_error(run_framebench({"datasets", "make", "tiny"}, {"FRAMEBENCH_CACHE_DIR=" + (dir / "file" / "cache").string()}),
                        "cannot create the dataset cache: Not a directory (set by $FRAMEBENCH_CACHE_DIR)");
  const auto listed = run_framebench({"list", "datasets"}, {"FRAMEBENCH_CACHE_DIR=", "XDG_CACHE_HOME=", "HOME=", "TMPDIR=" + (dir / "file").string()});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("tiny"), std::string::npos) << listed.out;
  // Found 6 December 2026 by a sweep of environments: without HOME every user shared
  // $TMPDIR/framebench-datasets, clips another user put there taken as made; a relative
  // XDG_CACHE_HOME named a folder under the working directory (the specification says to ignore it).
  fs::create_directory(dir / "shared-tmp");
  const auto squatted = dir / "shared-tmp" / fmt::format("framebench-datasets-{}", ::geteuid());
  fs::create_directory(squatted);
  if (::geteuid() == 0) {  // only root can give a folder to another user
    ASSERT_EQ(::chown(squatted.c_str(), 1, static_cast<gid_t>(-1)), 0) << std::strerror(errno);
    expect_one_line_error(run_framebench({"datasets", "make", "tiny"},
                                         {"FRAMEBENCH_CACHE_DIR=", "XDG_CACHE_HOME=relative", "HOME=", "TMPDIR=" + (dir / "shared-tmp").string()}),
                          squatted.string() + ": the dataset cache (HOME is not set) is not a folder of this user's");
  }
}

// A value or file name holding a line break or bytes that are not UTF-8 is named escaped, so the
// message stays one line (found 5 December 2026 by a hostile-input sweep).
TEST(Cli, MessagesNamingOddBytesStayOneLine) {
  expect_one_line_error(run_framebench({"process", "a\nb.mp4", "o.mp4", "--kernel", "box3"}), "a\\x0ab.mp4: no such file");
  expect_one_line_error(run_framebench({"kernels", "--kernel", "box3\xff"}), "kernel 'box3\\xff': unknown kernel");
}

// Found 6 December 2026 by a documentation walk-through: kernels and the catalog's datasets did
// not say "did you mean", as the other registries do.
TEST(Cli, UnknownKernelsAndCatalogDatasetsSuggestTheClosest) {
  expect_one_line_error(run_framebench({"process", "in.mp4", "out.mp4", "--kernel", "bx5"}), "kernel 'bx5': unknown kernel (did you mean 'box5'?)");
  expect_one_line_error(run_framebench({"datasets", "make", "tinny"}), "unknown dataset 'tinny' (did you mean 'tiny'?); known: ");
}

// Found 5 December 2026 by a hostile-input sweep: an unknown level was ignored without a word.
TEST(Cli, AnUnknownLibavLogLevelIsSaidOnce) {
  const ScratchDir dir("cli-test");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25", "-frames:v", "12", "-c:v", "ffv1",
                           (dir / "in.mkv").string()})
                  .status.ok());
  const auto r = run_framebench({"process", (dir / "in.mkv").string(), (dir / "out.mkv").string(), "--kernel", "box3", "--encoder", "ffv1",
                                 "--strategy", "multiprocess-segments", "--workers", "2"},
                                {"FRAMEBENCH_AV_LOG=bogus"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string said = "framebench: warning: FRAMEBENCH_AV_LOG='bogus' is no libav log level";
  EXPECT_NE(r.err.find(said), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(said), r.err.rfind(said)) << "once, not by each worker: " << r.err;
}

TEST(Cli, BadMeasurementOptionsAreOneLine) {
  const std::string config = FRAMEBENCH_SOURCE_DIR "/configs/ci.toml";
  expect_one_line_error(run_framebench({"run", config, "--timeout", "0"}), "--timeout: '0' is not a positive number of seconds");
  expect_one_line_error(run_framebench({"run", config, "--order", "shuffled"}), "--order");
  expect_one_line_error(run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/quick.toml", "--min-repetitions", "9", "--max-repetitions", "3"}),
                        "max_repetitions (3) is below min_repetitions (9)");
  // Found by a hostile-input sweep: each was accepted (the seeds became 2^64-1).
  expect_one_line_error(run_framebench({"run", config, "--baseline", "nosuch"}), "--baseline: unknown strategy 'nosuch'");
  for (const char* seed : {"-1", "99999999999999999999999", "1.5"})
    expect_one_line_error(run_framebench({"run", config, "--seed", seed}), "--seed: '" + std::string(seed) + "' is not a whole number");
  expect_one_line_error(run_framebench({"run", config, "--cpus", "0-1000"}), "is not one this process may use");
  expect_one_line_error(run_framebench({"kernels", "--impl", "cpu-fast", "--kernel", "box3", "--size", "64x64", "--benchmark_repetitions=-1"}),
                        "--benchmark_repetitions=-1: must be a whole number from 1 to 100000");
  expect_one_line_error(run_framebench({"kernels", "--impl", "cpu-fast", "--kernel", "box3", "--size", "64x64", "--benchmark_min_time=abc"}),
                        "--benchmark_min_time=abc: must be a number of seconds");
  expect_one_line_error(run_framebench({"kernels", "--impl", "cpu-fast", "--kernel", "box3", "--size", "64x64", "--benchmark_filter=["}),
                        "--benchmark_filter=[: not a valid regular expression");
}

TEST(Cli, UnknownNamesAreUsageErrors) {
  ScratchDir dir("cli-test");
  expect_one_line_error(run_framebench({"process", "in.mp4", "out.mp4", "--kernel", "box4"}), "kernel 'box4'");
  expect_one_line_error(run_framebench({"run", (dir / "nope.toml").string()}), "nope.toml");
  expect_one_line_error(run_framebench({"frobnicate"}), "unknown command 'frobnicate'; known: run, process,");
  expect_one_line_error(run_framebench({"proces"}), "(did you mean 'process'?)");
  fs::create_directory(dir / "configs.toml");
  expect_one_line_error(run_framebench({"run", (dir / "configs.toml").string()}), "configs.toml: is a directory, not the config file");
  expect_one_line_error(run_framebench({"process", "in.mp4", "out.mp4", "--kernel", "box5", "--split", "sometimes"}), "--split");
  expect_one_line_error(run_framebench({"process", "in.mp4", "out.mp4", "--kernel", "box5", "--workers", "-1"}), "--workers");
  // Found 5 December 2026 by a hostile-input sweep: "A subcommand is required".
  expect_one_line_error(run_framebench({"datasets", "list"}), "datasets: 'list' is not a datasets command; `framebench datasets make");
  expect_one_line_error(run_framebench({"datasets"}), "datasets: no command given; ");
  // Found by a review: make inherited the extras allowed for this, and `make --bogus` made the catalog.
  expect_one_line_error(run_framebench({"datasets", "make", "--bogus"}), "The following argument was not expected: --bogus");
  expect_one_line_error(run_framebench({"datasets", "list", "make", "tiny"}), "datasets: 'list' is not a datasets command");
}

TEST(Cli, HelpIsNotAnError) {
  const auto r = run_framebench({"process", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("--strategy"), std::string::npos) << r.out;
}

TEST(Cli, BadConfigWritesNoResults) {
  ScratchDir dir("cli-test");
  std::ofstream(dir / "bad.toml") << "name = \"bad\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\n"
                                     "kernel = [\"box5\"]\nencoder = [\"x264-ultrafast\"]\nworkerz = [1]\n";
  const auto r = run_framebench({"run", (dir / "bad.toml").string(), "--out", (dir / "r.json").string()});
  expect_one_line_error(r, "matrix.workerz: unknown key (did you mean 'workers'?)");
  EXPECT_FALSE(fs::exists(dir / "r.json"));
}

TEST(Cli, ListShowsStrategiesKernelsAndEncoders) {
  const auto r = run_framebench({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected : {"single-core", "box5", "gaussian15", "reference", "x264-ultrafast", "ffv1", "tiny"})
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected;
}

// Found 6 December 2026 by a hostile-input sweep: an unreadable catalog came after 46 lines of the
// other lists, and a clip without its manifest (which make and run make again) was listed as made.
TEST(Cli, ListReadsTheCatalogFirstAndCallsMadeOnlyAClipWithItsManifest) {
  ScratchDir dir("cli-test");
  const auto missing = run_framebench({"list"}, {"FRAMEBENCH_CATALOG=" + (dir / "none.toml").string()});
  expect_one_line_error(missing, "none.toml");
  EXPECT_EQ(missing.out, "");
  fs::create_directory(dir / "cache");
  std::ofstream(dir / "cache" / "tiny.mp4") << "a clip whose manifest was never written";
  const auto listed = run_framebench({"list", "datasets"}, {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto at = listed.out.find("  tiny ");
  ASSERT_NE(at, std::string::npos) << listed.out;
  EXPECT_TRUE(listed.out.substr(at).starts_with("  tiny                     not made")) << listed.out;
  // ... nor a clip whose manifest does not describe it (one `cached` rejects, so make and run make it again).
  std::ofstream(dir / "cache" / "tiny.json") << "{}";
  const auto stale = run_framebench({"list", "datasets"}, {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()});
  ASSERT_EQ(stale.exit_code, 0) << stale.err;
  EXPECT_NE(stale.out.find("  tiny                     not made"), std::string::npos) << stale.out;
}

// Stopped before any clip was made, `datasets make` points at no list (found 6 December 2026 by
// a sweep of the less-used commands: "those listed above are in ...", with none listed).
TEST(Cli, DatasetsMakeStoppedBeforeAnyClipPointsAtNoList) {
  ScratchDir dir("cli-test");
  SpawnOptions options;
  options.stderr_file = dir / "stderr";
  options.extra_env = {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()};
  Subprocess make({FRAMEBENCH_BINARY, "datasets", "make", "mandelbrot-720p"}, options);  // tens of seconds to make
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  make.kill(SIGINT);
  EXPECT_EQ(make.wait().code, 128 + SIGINT);
  const std::string err = testing::slurp(dir / "stderr");
  EXPECT_NE(err.find("dataset 'mandelbrot-720p' not made"), std::string::npos) << err;
  EXPECT_EQ(err.find("listed above"), std::string::npos) << err;
}

// libavfilter, with its 25 libraries, is opened only to make a clip: the loader's own account
// (LD_DEBUG=libs) of what a command looked up.
TEST(Cli, LibavfilterIsLoadedOnlyToMakeAClip) {
  ScratchDir dir("cli-test");
  const auto version = testing::run_program({FRAMEBENCH_BINARY, "--version"}, {"LD_DEBUG=libs"});
  ASSERT_EQ(version.exit_code, 0) << version.err;
  EXPECT_NE(version.err.find("libavcodec.so"), std::string::npos) << "LD_DEBUG said nothing:\n" << version.err;
  EXPECT_EQ(version.err.find("libavfilter.so"), std::string::npos) << version.err;
  const auto make = testing::run_program({FRAMEBENCH_BINARY, "datasets", "make", "tiny"},
                                         {"LD_DEBUG=libs", "FRAMEBENCH_CACHE_DIR=" + dir.path().string()});
  ASSERT_EQ(make.exit_code, 0) << make.err;
  EXPECT_NE(make.err.find("libavfilter.so"), std::string::npos) << make.err;
  EXPECT_NE(make.out.find("(made in "), std::string::npos) << make.out;
  // Made already: checked against its manifest, said so, and nothing generated.
  const auto again = testing::run_program({FRAMEBENCH_BINARY, "datasets", "make", "tiny"},
                                          {"LD_DEBUG=libs", "FRAMEBENCH_CACHE_DIR=" + dir.path().string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("(already made; its bytes match the manifest)"), std::string::npos) << again.out;
  EXPECT_EQ(again.err.find("libavfilter.so"), std::string::npos) << "a made clip was made again";
}

TEST(Cli, EnvRecordsProvenance) {
  const auto r = run_framebench({"env"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* key : {"framebench_version", "framebench_git_commit", "cpu_model", "cpu_vector_isa", "libav_versions", "opencv_version",
                          "fftw_version", "tbb_version"})
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
}

// The machine's state as a run records it when it begins, and the run's warnings about it: whether
// the machine is quiet enough now (found 6 December 2026 by a review of first use: `env` left it out).
TEST(Cli, EnvShowsTheMachineStateARunRecordsAndWarnsOfABusyMachine) {
  const auto quiet = run_framebench({"env"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  for (const char* key : {"load_average_1m_before", "cpu_governor", "others_cpu_share_before", "memory_available_bytes_before", "cpus"})
    EXPECT_NE(quiet.out.find(std::string("\n") + key + " "), std::string::npos) << key << "\n" << quiet.out;
  // Both cores kept busy by another process while env samples.
  Subprocess spin_a({"sh", "-c", "while :; do :; done"}), spin_b({"sh", "-c", "while :; do :; done"});
  const auto busy = run_framebench({"env"});
  spin_a.kill(SIGKILL);
  spin_b.kill(SIGKILL);
  ASSERT_EQ(busy.exit_code, 0) << busy.err;
  EXPECT_NE(busy.err.find("framebench: warning: other processes used"), std::string::npos) << busy.err;
  EXPECT_NE(busy.err.find("of the CPUs in the last half second"), std::string::npos) << busy.err;
}

// The commit a result names is the one the binary was built from, read at every build: after a
// commit, the build that follows names the new one (not the one the build was configured at).
TEST(Cli, TheVersionNamesTheCommitTheBinaryWasBuiltFrom) {
  const auto head = run_capture({"git", "-C", FRAMEBENCH_SOURCE_DIR, "rev-parse", "--short=12", "HEAD"});
  if (!head.status.ok()) GTEST_SKIP() << "the source tree is not a git checkout";
  const std::string commit = head.out.substr(0, head.out.find('\n'));
  const auto r = run_framebench({"--version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(commit " + commit), std::string::npos)
      << r.out << " against HEAD " << commit << ": built before the last commit? (cmake --build, then the tests)";
}

// `env` and `list` give the same reason for the GPU; on a CUDA build without the NVIDIA driver
// (this project's build machines) it says so, not "driver version is insufficient".
TEST(Cli, EnvAndListNameWhyTheGpuIsUnavailable) {
  const auto env = run_framebench({"env"});
  ASSERT_EQ(env.exit_code, 0) << env.err;
  std::string status, cuda_version;
  for (const auto& line : lines(env.out)) {
    const auto value = line.substr(std::min(line.size(), line.find_first_not_of(' ', line.find(' '))));
    if (line.starts_with("cuda_device ")) status = value;
    if (line.starts_with("cuda_version ")) cuda_version = value;
  }
  ASSERT_FALSE(status.empty()) << env.out;
  if (status == "available") GTEST_SKIP() << "a CUDA device is usable here";
  ASSERT_TRUE(status.starts_with("unavailable: ")) << status;
  const auto why = status.substr(std::string("unavailable: ").size());
  const auto list = run_framebench({"list", "strategies"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  int cuda_rows = 0;
  for (const auto& line : lines(list.out))
    if (line.find("cuda-") != std::string::npos) {
      ++cuda_rows;
      EXPECT_NE(line.find("unavailable"), std::string::npos) << line;
      EXPECT_NE(line.find(why), std::string::npos) << line;
    }
  EXPECT_EQ(cuda_rows, 4) << list.out;
  if (cuda_version != "not built" && !SharedLibrary("libcuda.so.1").loaded()) {
    EXPECT_TRUE(why.starts_with("no NVIDIA driver: libcuda.so.1 cannot be loaded")) << why;
  }
  // A run skips the GPU case with the same reason, recorded in the results.
  ScratchDir dir("cli-test");
  std::ofstream(dir / "gpu.toml") << "name = \"gpu\"\nrepetitions = 1\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                     "strategy = [\"single-core\", \"cuda-shared\"]\nkernel = [\"box5\"]\nencoder = [\"ffv1\"]\n";
  const auto run = run_framebench({"run", (dir / "gpu.toml").string(), "--out", (dir / "gpu.json").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::ifstream in(dir / "gpu.json");
  const auto skipped = nlohmann::json::parse(nlohmann::json::parse(in).at("context").at("unavailable").get<std::string>());
  ASSERT_EQ(skipped.size(), 1u) << skipped.dump();
  EXPECT_TRUE(skipped[0].at("case").get<std::string>().starts_with("e2e/strategy:cuda-shared/dataset:tiny/kernel:box5/encoder:ffv1/"))
      << skipped.dump();
  EXPECT_NE(skipped[0].at("reason").get<std::string>().find(why), std::string::npos) << skipped.dump();
}

}  // namespace
}  // namespace framebench
