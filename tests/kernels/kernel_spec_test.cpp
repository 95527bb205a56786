#include "kernels/kernel_spec.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "core/error.hpp"

namespace framebench::kernels {
namespace {

std::int64_t tap_sum(const KernelSpec& k) { return std::accumulate(k.taps.begin(), k.taps.end(), std::int64_t{0}); }

TEST(KernelSpec, EveryPresetParsesWithExactDcGain) {
  for (const auto& name : preset_names()) {
    const auto k = make_kernel(name);
    EXPECT_EQ(k.size % 2, 1) << name;
    EXPECT_EQ(k.taps.size(), static_cast<std::size_t>(k.size * k.size)) << name;
    const double dc = std::accumulate(k.coefficients.begin(), k.coefficients.end(), 0.0);
    EXPECT_EQ(tap_sum(k), std::llround(dc * (1 << kShift))) << name;
  }
}

TEST(KernelSpec, SeparableTapsAreTheOuterProductOfTheirFactors) {
  for (const char* name : {"box5", "box15", "gaussian5", "gaussian15", "gaussian:9:2.5", "box:31"}) {
    const auto k = make_kernel(name);
    ASSERT_TRUE(k.separable) << name;
    for (int i = 0; i < k.size; ++i)
      for (int j = 0; j < k.size; ++j) EXPECT_EQ(k.tap(i, j), k.separable->column[i] * k.separable->row[j]) << name;
    EXPECT_EQ(std::accumulate(k.separable->row.begin(), k.separable->row.end(), 0), 1 << kSeparableShift) << name;
  }
  EXPECT_FALSE(make_kernel("sharpen3").separable);
}

TEST(KernelSpec, QuantisationKeepsSymmetry) {
  // gaussian5 once came out as 18 63 95 62 18: the rounding units went to single taps.
  std::vector<std::string> names = {"box5", "box7", "box15", "gaussian5", "gaussian15"};
  for (int size = 1; size <= kMaxKernelSize; size += 2) {
    names.push_back("box:" + std::to_string(size));
    names.push_back("gaussian:" + std::to_string(size));
    names.push_back("gaussian:" + std::to_string(size) + ":" + std::to_string(0.37 * size + 0.2));
  }
  for (const auto& name : names) {
    const auto k = make_kernel(name);
    const auto& row = k.separable->row;
    for (int j = 0; j < k.size; ++j) EXPECT_EQ(row[j], row[k.size - 1 - j]) << name;
    EXPECT_EQ(std::accumulate(row.begin(), row.end(), 0), 1 << kSeparableShift) << name;
  }
  // 2-D: exact symmetry and an exact DC gain cannot always both hold; the sum stays exact and
  // mirror images differ by at most the one unit that could not be shared out evenly.
  const auto k = make_kernel("custom:1,2,3,2,1,2,5,7,5,2,3,7,9,7,3,2,5,7,5,2,1,2,3,2,1/89");
  int asymmetric = 0;
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      EXPECT_LE(std::abs(k.tap(i, j) - k.tap(4 - i, 4 - j)), 1);
      asymmetric += k.tap(i, j) != k.tap(4 - i, 4 - j);
    }
  EXPECT_LE(asymmetric, 2 * 3);  // at most 3 single units (groups are 1, 4 or 8 taps), each on one side
  EXPECT_EQ(tap_sum(k), 1 << kShift);
}

TEST(KernelSpec, CustomKernelsParse) {
  const auto k = make_kernel("custom:1,2,1,2,4,2,1,2,1/16");
  EXPECT_EQ(k.size, 3);
  EXPECT_EQ(k.tap(1, 1), 4 << (kShift - 4));
}

TEST(KernelSpec, BadKernelsAreInputErrorsNamingTheKernel) {
  for (const char* bad : {"box4", "box:0", "box:65", "blur", "gaussian:5:-1", "custom:1,2", "custom:1,2,3/0",
                          "custom:1000,1000,1000,1000,1000,1000,1000,1000,1000", "gaussian:x"}) {
    try {
      make_kernel(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

// Found by a hostile-input sweep: 65536 overflowed its fixed-point value before the range check,
// and quantising sized its work by the overflow (4.7 GB and 11 s before the error). Now it is
// refused before quantising, saying how large each side may be.
TEST(KernelSpec, HugeCoefficientsAreRefusedBeforeTheyAreQuantised) {
  for (const char* huge : {"custom:65536,0,0,0,0,0,0,0,0", "custom:0,0,0,0,-1e30,0,0,0,0", "custom:1e300,1,1,1,1,1,1,1,1"}) {
    try {
      make_kernel(huge);
      ADD_FAILURE() << huge << " was accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("either side may reach 128 at most"), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(make_kernel("custom:0,0,0,0,128,0,0,0,0")) << "the bound itself fits";
  EXPECT_THROW(make_kernel("custom:0,0,0,0,129,0,0,0,0"), InputError);
  EXPECT_THROW(make_kernel("custom:-129,0,0,0,1,0,0,0,0"), InputError);
}

TEST(KernelSpec, GaussiansOfExtremeSigmaTendToTheCentreTapOrTheBox) {
  const auto centre = make_kernel("custom:0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0");
  for (const char* tiny : {"gaussian:5:1e-200", "gaussian:5:1e-320", "gaussian:5:0.01"}) {
    const auto k = make_kernel(tiny);
    EXPECT_EQ(k.taps, centre.taps) << tiny;
    EXPECT_EQ(tap_sum(k), 1 << kShift) << tiny;
  }
  EXPECT_EQ(make_kernel("gaussian:5:1e300").taps, make_kernel("box5").taps);
}

TEST(KernelSpec, Reflect101MatchesOpenCvsRule) {
  EXPECT_EQ(reflect101(-1, 5), 1);
  EXPECT_EQ(reflect101(-2, 5), 2);
  EXPECT_EQ(reflect101(5, 5), 3);
  EXPECT_EQ(reflect101(6, 5), 2);
  EXPECT_EQ(reflect101(-7, 3), 1);  // farther than the frame is wide: keeps reflecting
  EXPECT_EQ(reflect101(4, 1), 0);
}

TEST(KernelSpec, RoundingIsHalfUpAndSaturates) {
  EXPECT_EQ(round_shift_saturate((7 << kShift) + (1 << (kShift - 1))), 8);
  EXPECT_EQ(round_shift_saturate((7 << kShift) + (1 << (kShift - 1)) - 1), 7);
  EXPECT_EQ(round_shift_saturate(-(1 << kShift)), 0);
  EXPECT_EQ(round_shift_saturate(300 << kShift), 255);
}

}  // namespace
}  // namespace framebench::kernels
