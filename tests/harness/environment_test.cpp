#include "harness/environment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "core/core_budget.hpp"
#include "core/subprocess.hpp"

namespace framebench::harness {
namespace {

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : collect_environment()) {
    EXPECT_TRUE(out.emplace(key, value).second) << "recorded twice: " << key;
  }
  return out;
}

TEST(Environment, RecordsEachKeyOnceWithTheMachinesCores) {
  const auto env = environment();
  EXPECT_EQ(env.at("framebench_schema"), kResultSchema);
  EXPECT_EQ(env.at("cpu_cores_available"), std::to_string(CoreBudget::available()));
  EXPECT_FALSE(env.at("cpu_model").empty());
  // Asked only by runs with a peer that runs it (harness/runner.cpp): it costs a start 60 ms.
  EXPECT_FALSE(env.contains("ffmpeg_program"));
}

// The CUDA version comes from the compiler that built this binary: the release nvcc printed.
TEST(Environment, CudaVersionIsTheCompilersOrNotBuilt) {
  const std::string cuda = environment().at("cuda_version");
  const std::string compiler = FRAMEBENCH_CUDA_COMPILER;
  if (compiler.empty()) {
    EXPECT_EQ(cuda, "not built");
    return;
  }
  const auto r = run_capture({compiler, "--version"});
  ASSERT_TRUE(r.status.ok()) << compiler;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(V(\d+\.\d+\.\d+))"))) << r.out;
  EXPECT_EQ(cuda.rfind(m[1].str(), 0), 0u) << "recorded '" << cuda << "', nvcc says " << m[1];
}

}  // namespace
}  // namespace framebench::harness
