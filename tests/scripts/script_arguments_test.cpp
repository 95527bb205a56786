// The scripts refuse bad arguments in one line, exit 2, before any work (found 6 December 2026 by
// a sweep of the scripts: duplicate variant names pooled two strategies' runs into one row; an
// unknown baseline or an unwritable --json failed after every round; `--steps=` ran the whole
// device check; a SECONDS that is not a number fuzzed without end).
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {

const std::string kScripts = FRAMEBENCH_SOURCE_DIR "/scripts/";

// A script's exit status and what it said on stderr.
testing::CliResult script(const std::string& name, std::vector<std::string> args, const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), kScripts + name);
  return testing::run_program(args, env);
}

void expect_refused(const testing::CliResult& r, const std::string& said) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(said), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Traceback"), std::string::npos) << r.err;
}

TEST(ScriptArguments, AlternateProcessChecksEveryArgumentBeforeTheFirstRound) {
  const std::string bin = FRAMEBENCH_BINARY;
  expect_refused(script("alternate-process", {"--input", "x", "--variant", "a=" + bin + ":single-core", "--variant",
                                              "a=" + bin + ":tbb-chunks", "--baseline", "a"}),
                 "the name 'a' is given twice");
  expect_refused(script("alternate-process", {"--input", "x", "--variant", "a=" + bin + ":single-core", "--baseline", "b"}),
                 "--baseline b: no variant of that name");
  expect_refused(script("alternate-process", {"--input", "x", "--variant", "a", "--baseline", "a"}), "expected NAME=BINARY:STRATEGY");
  expect_refused(script("alternate-process", {"--input", "x", "--variant", "a=" + bin + ":single-core", "--baseline", "a", "--json",
                                              "/nonexistent/r.json"}),
                 "--json /nonexistent/r.json: cannot write it");
  expect_refused(script("alternate-process", {"--input", "x", "--variant", "a=" + bin + ":single-core", "--baseline", "a", "--rounds", "0"}),
                 "--rounds must be at least 1");
}

TEST(ScriptArguments, CountsAndNamesAreCheckedUpFront) {
  expect_refused(script("fuzz", {"config_fuzzer", "5m"}), "SECONDS must be a whole number of seconds, not '5m'");
  expect_refused(script("fuzz", {"no_fuzzer", "5"}), "unknown target 'no_fuzzer'");
  expect_refused(script("device-check", {"--steps="}, {"OUT=/nonexistent"}), "--steps= names no step");
  expect_refused(script("wall-overhead", {"tiny", "0"}), "RUNS must be a whole number from 1");
  expect_refused(script("wall-overhead", {"--repetitions", "0", "tiny"}), "--repetitions takes a whole number from 1 or 'measure', not '0'");
  expect_refused(script("compare-talk", {"/etc/hostname", "/etc/hostname", "0"}), "RUNS must be a whole number from 1");
  expect_refused(script("setup", {"--help"}), "unknown argument '--help'");
  expect_refused(script("quickstart", {"a.toml", "b.toml"}), "one CONFIG at most");
}

TEST(ScriptArguments, CeilingsRefusesASizeItCannotMeasureResultsItCannotReadAndCoresItLacks) {
  const ScratchDir dir("script-arguments");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "3", "-c:v", "ffv1",
                           (dir / "clip.mkv").string()}).status.ok());
  const std::vector<std::string> env = {std::string("FRAMEBENCH_BUILD=") + FRAMEBENCH_BUILD_DIR};
  expect_refused(script("ceilings", {(dir / "clip.mkv").string(), "box5"}, env), "is 320x240; the conversion costs are measured at");
  expect_refused(script("ceilings", {(dir / "clip.mkv").string(), "box5", (dir / "none.json").string()}, env),
                 "none.json: not a readable results file");
  // Copies beyond the CPUs would take turns, which CPU seconds do not see.
  auto many = env;
  many.push_back("CEILING_CORES=100000");
  expect_refused(script("ceilings", {(dir / "clip.mkv").string(), "box5"}, many), "CEILING_CORES=100000 is more than the");
  many.back() = "CEILING_CORES=two";
  expect_refused(script("ceilings", {(dir / "clip.mkv").string(), "box5"}, many), "CEILING_CORES=two is not a count of cores");
}

TEST(ScriptArguments, CheckResultsChecksEveryFileThoughOneCannotBeRead) {
  const ScratchDir dir("script-arguments");
  std::ofstream(dir / "deep.json") << std::string(100000, '[');
  const auto r = script("check-results", {(dir / "deep.json").string(), FRAMEBENCH_SOURCE_DIR "/docs/results/baseline-1080p.json",
                                          (dir / "missing.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("deep.json: cannot read it as JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.json: cannot read it as JSON"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("Traceback"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace framebench
