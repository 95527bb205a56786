// cpu_vector_isa names the variant of cpu-fast this CPU runs: checked against Linux's list of the
// CPU's features (/proc/cpuinfo), not the compiler's tests that the function itself uses.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "kernels/cpu/vector_isa.hpp"

namespace framebench::kernels {
namespace {

std::set<std::string> cpuinfo_flags() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("flags")) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::set<std::string> flags;
    for (std::string w; words >> w;) flags.insert(w);
    return flags;
  }
  return {};
}

bool has_all(const std::set<std::string>& flags, std::initializer_list<const char*> wanted) {
  for (const char* w : wanted)
    if (!flags.contains(w)) return false;
  return true;
}

TEST(VectorIsa, NamesTheLevelTheCpusFeaturesReach) {
#if !(defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__))
  GTEST_SKIP() << "target clones are built by GCC for x86-64 only";
#endif
  const auto flags = cpuinfo_flags();
  ASSERT_FALSE(flags.empty()) << "/proc/cpuinfo lists no flags";
  // The x86-64 psABI's levels, in Linux's names for the features (abm is LZCNT, pni SSE3).
  const bool v3 = has_all(flags, {"cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3", "avx", "avx2", "bmi1", "bmi2",
                                  "f16c", "fma", "abm", "movbe", "xsave"});
  const bool v4 = v3 && has_all(flags, {"avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"});
  const std::string expected = v4 ? "x86-64-v4 (AVX-512)" : v3 ? "x86-64-v3 (AVX2)" : "x86-64 (SSE2)";
  const std::string isa = cpu_vector_isa();
  EXPECT_TRUE(isa.starts_with(expected)) << isa << ", expected " << expected;
  const bool vnni = has_all(flags, {"avx512f", "avx512bw", "avx512vl", "avx512vbmi", "avx512_vnni", "bmi2"});
  EXPECT_EQ(isa.find("VNNI") != std::string::npos, vnni) << isa;
}

}  // namespace
}  // namespace framebench::kernels
