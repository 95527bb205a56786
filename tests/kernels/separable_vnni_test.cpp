// cpu-fast's two separable paths, VNNI and portable, against the reference bit for bit: random
// separable kernels on frames of one, two and three channels wide enough for several strips,
// whole and in bands of rows as threads call them.
#include <gtest/gtest.h>

#include <random>

#include <fmt/format.h>

#include "kernels/cpu/fast.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/cpu/separable_vnni.hpp"

namespace framebench::kernels {
namespace {

KernelSpec random_separable(std::mt19937& rng) {
  const int size = 2 * static_cast<int>(rng() % 12) + 1;  // 1..23
  switch (rng() % 3) {
    case 0: return make_kernel(fmt::format("box:{}", size));
    case 1: return make_kernel(fmt::format("gaussian:{}:{:.2f}", size, 0.3 + 0.01 * static_cast<double>(rng() % 600)));
    default: {  // an integer outer product with zeros at its ends, given as 2-D coefficients
      std::vector<int> a(size), b(size);
      int sum_a = 0, sum_b = 0;
      for (int i = 0; i < size; ++i) sum_a += a[i] = static_cast<int>(rng() % 9) * (i > 0 || size == 1);
      for (int i = 0; i < size; ++i) sum_b += b[i] = static_cast<int>(rng() % 9) * (i + 1 < size || size == 1);
      std::vector<double> c(static_cast<std::size_t>(size) * size);
      const double norm = std::max(1, sum_a) * static_cast<double>(std::max(1, sum_b));
      for (int i = 0; i < size; ++i)
        for (int j = 0; j < size; ++j) c[static_cast<std::size_t>(i) * size + j] = a[i] * b[j] / norm;
      return make_custom_kernel("custom-rank-one", c);
    }
  }
}

TEST(SeparableVnni, BothPathsMatchTheReference) {
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  int vnni_runs = 0;
  for (int round = 0; round < 60; ++round) {
    const auto k = random_separable(rng);
    const int channels = 1 + static_cast<int>(rng() % 3);  // planes, nv12's chroma pairs, BGR24
    const int w = 1 + static_cast<int>(rng() % 900), h = 1 + static_cast<int>(rng() % 40);
    Frame in(w, h, channels), expected(w, h, channels);
    for (int y = 0; y < h; ++y)
      for (std::size_t x = 0; x < in.view().row_bytes(); ++x) in.row(y)[x] = static_cast<std::uint8_t>(rng());
    reference_filter(k, in.view(), expected.view());
    for (bool vnni : {true, false}) {
      const FastKernel fast(k, vnni);
      vnni_runs += fast.path() == FastPath::separable_vnni;
      Frame out(w, h, channels);
      FastScratch scratch;
      // In two bands, as tbb-rows calls it, with one scratch.
      const int split = static_cast<int>(rng() % static_cast<unsigned>(h + 1));
      fast.filter_rows(in.view(), out.view(), split, h, scratch);
      fast.filter_rows(in.view(), out.view(), 0, split, scratch);
      EXPECT_TRUE(same_pixels(out.view(), expected.view()))
          << to_string(fast.path()) << ", " << k.name << " (size " << k.size << ") on " << w << "x" << h << "x" << channels
          << ", rows split at " << split << ", seed " << seed;
    }
  }
  if (vnni_supported()) EXPECT_GT(vnni_runs, 5);  // about a third of these kernels have taps that fit
  else EXPECT_EQ(vnni_runs, 0);
}

// A column factor whose non-zero span is even (0,1,1,1,1) is symmetric but has no middle row to
// fold about: it was summed with a fourth row counted twice, on every pixel (seed 2242954375 of
// the test above found it).
TEST(SeparableVnni, AnEvenSymmetricSpanIsNotFolded) {
  std::vector<double> c(25, 0.0);
  for (int i = 1; i < 5; ++i) {
    c[static_cast<std::size_t>(i) * 5 + 1] = 3.0 / 32;
    c[static_cast<std::size_t>(i) * 5 + 2] = 5.0 / 32;
  }
  const auto k = make_custom_kernel("custom-rank-one", c);
  std::mt19937 rng(7);
  Frame in(366, 30, 3), expected(366, 30, 3);
  for (int y = 0; y < in.height(); ++y)
    for (std::size_t x = 0; x < in.view().row_bytes(); ++x) in.row(y)[x] = static_cast<std::uint8_t>(rng());
  reference_filter(k, in.view(), expected.view());
  for (bool vnni : {true, false}) {
    const FastKernel fast(k, vnni);
    Frame out(366, 30, 3);
    FastScratch scratch;
    fast.filter_rows(in.view(), out.view(), 0, out.height(), scratch);
    EXPECT_TRUE(same_pixels(out.view(), expected.view())) << to_string(fast.path());
  }
}

// Taps that do not fit the instructions' operands leave the plan to the portable path.
TEST(SeparableVnni, PlansOnlyWhatFitsTheOperands) {
  if (!vnni_supported()) {
    EXPECT_FALSE(plan_vnni_separable({1, 2, 1}, {1, 2, 1}).has_value());
    GTEST_SKIP() << "this CPU lacks AVX-512 VNNI or VBMI";
  }
  EXPECT_TRUE(plan_vnni_separable({1, 2, 1}, {1, 2, 1}).has_value());
  EXPECT_FALSE(plan_vnni_separable({128, 1}, {1, 1}).has_value());       // a row tap past int8
  EXPECT_FALSE(plan_vnni_separable({100, 100, 100}, {1, 1, 1}).has_value());  // 255 * 300 past 16 bits
  EXPECT_FALSE(plan_vnni_separable({1, 1}, {40000, 1}).has_value());     // a column tap past int16
  EXPECT_FALSE(plan_vnni_row(std::vector<std::int64_t>(kVnniMaxSize + 1, 1)).has_value());  // more taps than unrolled
  EXPECT_TRUE(plan_vnni_row(std::vector<std::int64_t>(kVnniMaxSize, 1)).has_value());
  const auto p = plan_vnni_separable({0, 1, 2, 1, 0}, {0, 0, 3, 5, 0});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->column_first, 2);
  EXPECT_EQ(p->column_length, 2);
  EXPECT_EQ(p->row.groups.size(), 2u);
}

}  // namespace
}  // namespace framebench::kernels
