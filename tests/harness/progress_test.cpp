// Long steps say what they do: one rewritten status line on a terminal, plain lines in a log.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
using testing::lines;

// Two cases with a warm-up each; run with a cache of its own so that the dataset is generated.
std::vector<std::string> progress_run(const ScratchDir& dir) {
  std::ofstream(dir / "progress.toml") << "name = \"progress\"\nrepetitions = 2\nwarmup = 1\n[matrix]\ndataset = [\"tiny\"]\n"
                                          "strategy = [\"single-core\"]\nkernel = [\"box5\", \"sharpen3\"]\nencoder = [\"ffv1\"]\n"
                                          "workers = [1]\n";
  std::filesystem::create_directories(dir / "cache");
  return {"run", (dir / "progress.toml").string(), "--out", (dir / "progress.json").string()};
}

TEST(Progress, PlainLinesWhenStderrIsNotATerminal) {
  ScratchDir dir("progress-test");
  const auto r = testing::run_framebench(progress_run(dir), {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\x1b["), std::string::npos) << r.err;
  const std::regex generating(R"(^dataset tiny: encoding: frame 1/\d+ \(176x144\)$)");
  const std::regex generated(R"(^dataset tiny: generated in \d+\.\d s: .*tiny\.\w+$)");
  const std::regex warm_up(R"(^\[1/2\] single-core tiny box5 ffv1 w1: warm-up: 0 repetitions done, time left known after the first repetition$)");
  // Checked at the end of the first round, when both cases' first repetitions are done (timed).
  const std::regex verifying(R"(^\[1/2\] single-core tiny box5 ffv1 w1: verifying its output: 2 repetitions done, .*$)");
  // After a repetition the time left is a range from the stopping rule's bounds, or one figure.
  const std::regex later_round(R"(^\[2/2\] single-core tiny sharpen3 ffv1 w1: round 2: 3 repetitions done, (about )?\d+ s( to \d+ s)? left$)");
  int seen[5] = {};
  for (const auto& line : lines(r.err)) {
    seen[0] += std::regex_match(line, generating);
    seen[1] += std::regex_match(line, generated);
    seen[2] += std::regex_match(line, warm_up);
    seen[3] += std::regex_match(line, verifying);
    seen[4] += std::regex_match(line, later_round);
  }
  for (int i = 0; i < 5; ++i) EXPECT_EQ(seen[i], 1) << "pattern " << i << " in:\n" << r.err;
}

TEST(Progress, OneRewrittenStatusLineOnATerminal) {
  ScratchDir dir("progress-test");
  const auto r = testing::run_framebench_in_terminal(progress_run(dir), {"FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string()});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\r\x1b[Kdataset tiny: encoding: frame 1/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\x1b[K[1/2] single-core tiny box5 ffv1 w1: warm-up: 0 repetitions done"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\r\x1b[K[2/2] single-core tiny sharpen3 ffv1 w1: round 2: 3 repetitions done"), std::string::npos) << r.out;
  // What stays on screen: each line as the terminal shows it, after the last rewrite of that line.
  int results = 0;
  for (auto line : lines(r.out)) {
    if (const auto erased = line.rfind("\x1b[K"); erased != std::string::npos) line = line.substr(erased + 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_EQ(line.find("repetitions done"), std::string::npos) << "a status line was left on screen: " << line;
    EXPECT_EQ(line.find("dataset tiny: encoding"), std::string::npos) << "a status line was left on screen: " << line;
    results += line.find("  round ") != std::string::npos && line.find("verified") != std::string::npos;
  }
  EXPECT_EQ(results, 4) << r.out;  // every repetition's result line stays
  EXPECT_NE(r.out.find("2 case(s) run, 0 failed"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace framebench
