// scripts/device-check in its CI-sized form: without a GPU every GPU step is reported unavailable
// with framebench's own reason, the CPU steps run, and what it leaves under OUT fits what the
// device machine returns (at most 8 files of 16 MiB).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::lines;

using testing::CliResult;

CliResult run_device_check(const std::vector<std::string>& args, const fs::path& out_dir) {
  std::vector<std::string> argv = {FRAMEBENCH_SOURCE_DIR "/scripts/device-check"};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::run_program(argv, {"OUT=" + out_dir.string(), "FRAMEBENCH_CACHE_DIR=" FRAMEBENCH_TEST_CACHE_DIR,
                                     "FRAMEBENCH_BUILD_DIR=" + fs::path(FRAMEBENCH_BINARY).parent_path().string()});
}

std::string cuda_device_status() {
  for (const auto& line : lines(testing::run_framebench({"env"}).out))
    if (line.starts_with("cuda_device ")) return line.substr(line.find_first_not_of(' ', line.find(' ')));
  return {};
}

// summary.txt's step lines: NAME -> (STATUS, DETAIL).
std::map<std::string, std::pair<std::string, std::string>> steps(const fs::path& summary) {
  std::map<std::string, std::pair<std::string, std::string>> result;
  std::ifstream in(summary);
  for (std::string line; std::getline(in, line) && !line.empty();) {
    std::istringstream fields(line);
    std::string name, status, seconds;
    fields >> name >> status >> seconds;
    std::string detail;
    std::getline(fields >> std::ws, detail);
    result[name] = {status, detail};
  }
  return result;
}

TEST(DeviceCheck, CiSizedRunReportsEveryGpuStepWithItsReason) {
  ScratchDir out("device-check-out");
  const auto r = run_device_check({"--ci"}, out.path());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto gpu = cuda_device_status();
  ASSERT_FALSE(gpu.empty());
  const auto s = steps(out / "summary.txt");
  for (const char* name : {"gpu-tests", "sanitizer-memcheck", "sanitizer-racecheck", "kernels", "crossover", "profile", "gpu-run"}) {
    ASSERT_TRUE(s.contains(name)) << name << "\n" << r.out;
    if (gpu == "available") {
      // The profile needs Nsight Compute as well as the GPU.
      if (std::string(name) == "profile" && s.at(name).first == "unavailable")
        EXPECT_EQ(s.at(name).second, "no ncu (Nsight Compute) in PATH");
      else
        EXPECT_EQ(s.at(name).first, "ok") << name;
    } else {
      EXPECT_EQ(s.at(name).first, "unavailable") << name;
      EXPECT_EQ(s.at(name).second, gpu) << name;
      EXPECT_TRUE(gpu.starts_with("unavailable: ")) << gpu;
    }
  }
  for (const char* name : {"datasets", "scaling"}) {
    ASSERT_TRUE(s.contains(name)) << name;
    EXPECT_EQ(s.at(name).first, "ok") << name << ": " << s.at(name).second;
  }
  // The CPU step's results are real: every case of the CI config ran and verified.
  std::ifstream results(out / "scaling.json");
  const auto json = nlohmann::json::parse(results);
  ASSERT_FALSE(json.at("benchmarks").empty());
  for (const auto& b : json.at("benchmarks")) EXPECT_EQ(b.value("verified", 0.0), 1.0) << b.dump();
  // What the device machine returns: 8 files at most, each under 16 MiB, no folders.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(out.path())) {
    ++files;
    EXPECT_TRUE(entry.is_regular_file()) << entry.path();
    EXPECT_LT(fs::file_size(entry.path()), 16u << 20) << entry.path();
  }
  EXPECT_LE(files, 8);
}

TEST(DeviceCheck, UnknownArgumentIsOneLineAndStatusTwo) {
  ScratchDir out("device-check-out");
  const auto r = run_device_check({"--full"}, out.path());
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(lines(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("--full"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(out.path()));
}

}  // namespace
}  // namespace framebench
