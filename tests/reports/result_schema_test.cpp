// docs/result-schema.json describes every result file: those committed under docs/results and
// those framebench writes now (run with passing and failing cases, kernels). The validator is
// python3-jsonschema, through scripts/check-results.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::lines;
using testing::run_framebench;

const fs::path kSource = FRAMEBENCH_SOURCE_DIR;

RunResult check_results(const std::vector<fs::path>& files) {
  std::vector<std::string> argv = {"python3", (kSource / "scripts/check-results").string()};
  for (const auto& f : files) argv.push_back(f.string());
  return run_capture(argv, ChildStderr::keep);
}

TEST(ResultSchema, IsVersionedLikeTheFilesItDescribes) {
  std::ifstream in(kSource / "docs/result-schema.json");
  const auto schema = nlohmann::json::parse(in);
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  // The version the files carry (harness/environment's kResultSchema, checked by reports).
  EXPECT_EQ(schema.at("$defs").at("context").at("properties").at("framebench_schema").at("const"), "1");
}

TEST(ResultSchema, EveryCommittedResultValidates) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(kSource / "docs/results"))
    if (e.path().extension() == ".json" && !e.path().string().ends_with(".vl.json")) files.push_back(e.path());
  ASSERT_GE(files.size(), 10u);
  const auto r = check_results(files);
  EXPECT_TRUE(r.status.ok()) << r.out;
}

TEST(ResultSchema, WhatFrameworkWritesValidatesAndABrokenFileDoesNot) {
  ScratchDir dir("schema-test");
  std::ofstream(dir / "mixed.toml") << "name = \"mixed\"\nrepetitions = 2\nwarmup = 0\n[matrix]\ndataset = [\"tiny\"]\n"
                                       "strategy = [\"single-core\", \"multiprocess-segments\"]\nkernel = [\"box5\"]\n"
                                       "encoder = [\"ffv1\", \"x264-ultrafast\"]\nworkers = [2]\n[verify]\nmin_psnr_db = 99\n";
  // x264 cannot reach 99 dB: its cases fail and are written as errors.
  const auto run = run_framebench({"run", (dir / "mixed.toml").string(), "--out", (dir / "run.json").string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const auto kernels = run_framebench({"kernels", "--kernel", "box5", "--impl", "cpu-fast", "--impl", "opencv-sep", "--size", "40x30",
                                       "--benchmark_min_time=0.01", "--benchmark_repetitions=2", "--out", (dir / "kernels.json").string()});
  ASSERT_EQ(kernels.exit_code, 0) << kernels.err;
  const auto valid = check_results({dir / "run.json", dir / "kernels.json"});
  EXPECT_TRUE(valid.status.ok()) << valid.out;

  std::ifstream in(dir / "run.json");
  auto broken = nlohmann::json::parse(in);
  for (auto& b : broken.at("benchmarks"))
    if (!b.value("error_occurred", false)) b.erase("fps");
  std::ofstream(dir / "broken.json") << broken.dump(1);
  const auto invalid = check_results({dir / "broken.json"});
  EXPECT_FALSE(invalid.status.ok());
  ASSERT_FALSE(lines(invalid.out).empty());
  for (const auto& line : lines(invalid.out)) {
    EXPECT_NE(line.find((dir / "broken.json").string() + ": benchmarks/"), std::string::npos) << line;
    EXPECT_NE(line.find("'fps' is a required property"), std::string::npos) << line;
  }
}

// A GPU twin (impl:NAME@device, impl:NAME@pipeline:N) records its speed; whether the output is
// right is its host case's business, so it needs no `verified`. A host case does.
// An object holding a key twice is refused: most readers keep the last without a word, strict ones
// refuse the file (kernels results wrote "threads" twice until 6 December 2026).
TEST(ResultSchema, AKeyTwiceInOneObjectIsRefused) {
  ScratchDir dir("schema-test");
  std::ofstream(dir / "twice.json") << R"({"context": {"framebench_schema": "1"}, "benchmarks": [{"threads": 1, "threads": 2}]})";
  const auto r = run_capture({"bash", "-c", "python3 \"$1\" \"$2\" 2>&1", "bash", (kSource / "scripts/check-results").string(),
                              (dir / "twice.json").string()});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_NE(r.out.find("the key 'threads' twice in one object"), std::string::npos) << r.out;
}

TEST(ResultSchema, GpuTwinsNeedNoVerifiedFlagButHostCasesDo) {
  ScratchDir dir("schema-twins");
  const auto kernels = run_framebench({"kernels", "--kernel", "box5", "--impl", "cpu-fast", "--size", "40x30",
                                       "--benchmark_min_time=0.01", "--out", (dir / "kernels.json").string()});
  ASSERT_EQ(kernels.exit_code, 0) << kernels.err;
  std::ifstream in(dir / "kernels.json");
  const auto file = nlohmann::json::parse(in);
  ASSERT_EQ(file.at("benchmarks").size(), 1u);
  auto stripped = file.at("benchmarks").at(0);
  stripped.erase("verified");
  stripped.erase("pixels_per_second");

  auto twins = file;
  auto twin = stripped;
  for (const char* key : {"name", "run_name"}) {
    auto name = twin.at(key).get<std::string>();
    name.replace(name.find("impl:cpu-fast/"), 14, "impl:cpu-fast@device/");
    twin[key] = name;
  }
  twins["benchmarks"].push_back(twin);
  std::ofstream(dir / "twins.json") << twins.dump(1);
  const auto valid = check_results({dir / "twins.json"});
  EXPECT_TRUE(valid.status.ok()) << valid.out;

  auto host = file;
  host["benchmarks"][0] = stripped;
  std::ofstream(dir / "host.json") << host.dump(1);
  const auto invalid = check_results({dir / "host.json"});
  EXPECT_FALSE(invalid.status.ok());
  EXPECT_NE(invalid.out.find("'verified' is a required property"), std::string::npos) << invalid.out;
}

}  // namespace
}  // namespace framebench
