// Every implementation against the reference: direct ones bit for bit, cpu-fft within 1 LSB,
// OpenCV peers within their stated tolerance. Frames and kernels are random and fresh on each
// run (the seed is printed on failure); frames are small because the reference is slow.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/fast.hpp"
#include "kernels/cpu/fftw_plans.hpp"
#include "kernels/cpu/opencv.hpp"
#include "kernels/cpu/rank_one.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/fast_filter.hpp"
#include "kernels/implementation.hpp"

namespace framebench::kernels {
namespace {

unsigned fresh_seed() { return std::random_device{}(); }

void fill_random(FrameView v, std::mt19937& rng) {
  for (int y = 0; y < v.height; ++y)
    for (std::size_t x = 0; x < v.row_bytes(); ++x) v.row(y)[x] = static_cast<std::uint8_t>(rng());
}

// A w x h view inside a larger frame with random pixels around it, so that an implementation
// reading outside its view (or using the frame's stride wrongly) changes its output.
struct EmbeddedFrame {
  Frame storage;
  FrameView view;
  EmbeddedFrame(int w, int h, int left, int top, std::mt19937& rng) : storage(w + left + 3, h + top + 2) {
    fill_random(storage.view(), rng);
    view = {storage.row(top) + left * kChannels, w, h, storage.stride()};
  }
};

bool available(const Implementation& impl) { return !impl.unavailable_reason || impl.unavailable_reason().empty(); }

// CPU implementations usable here; device ones have their own tests under tests/gpu.
bool can_run(const Implementation& impl, const KernelSpec& k) {
  return available(impl) && impl.name.rfind("cuda", 0) != 0 && (impl.name != "opencv-sep" || rank_one_factors(k).has_value());
}

// Runs `impl` on an embedded input and output, checks the output against the reference and
// that nothing outside the output view was written. Returns the largest difference.
int check_one(const Implementation& impl, const KernelSpec& k, int w, int h, std::mt19937& rng, int threads = 1) {
  EmbeddedFrame in(w, h, static_cast<int>(rng() % 4), static_cast<int>(rng() % 3), rng);
  EmbeddedFrame out(w, h, static_cast<int>(rng() % 4), static_cast<int>(rng() % 3), rng);
  const Frame before = [&] {
    Frame copy(out.storage.width(), out.storage.height());
    copy_pixels(out.storage.view(), copy.view());
    return copy;
  }();
  Frame expected(w, h);
  reference_filter(k, in.view, expected.view());
  impl.make(k, threads)->apply(in.view, out.view);

  const auto* base = out.storage.row(0);
  for (int y = 0; y < out.storage.height(); ++y)
    for (std::size_t x = 0; x < out.storage.view().row_bytes(); ++x) {
      const auto* p = out.storage.row(y) + x;
      const auto offset = p - out.view.data;
      const bool inside = offset >= 0 && offset / out.view.stride < h && offset % out.view.stride < static_cast<long>(out.view.row_bytes());
      if (!inside && *p != before.row(y)[x]) {
        ADD_FAILURE() << impl.name << " wrote outside its output view at byte " << (p - base);
        return 255;
      }
    }
  return max_difference(out.view, expected.view());
}

std::string describe(const KernelSpec& k, int w, int h) { return fmt::format("kernel {} (size {}) on {}x{}", k.name, k.size, w, h); }

TEST(Implementations, EveryPresetOnAwkwardSizes) {
  const unsigned seed = fresh_seed();
  std::mt19937 rng(seed);
  const std::pair<int, int> sizes[] = {{37, 23}, {1, 9}, {9, 1}, {1, 1}, {4, 3}, {64, 17}};
  for (const auto& impl : implementations()) {
    if (impl.name == "reference") continue;
    for (const auto& name : preset_names()) {
      const auto k = make_kernel(name);
      if (!can_run(impl, k)) continue;
      for (auto [w, h] : sizes) {
        const int diff = check_one(impl, k, w, h, rng);
        EXPECT_LE(diff, allowed_difference(impl.exactness)) << impl.name << ", " << describe(k, w, h) << ", seed " << seed;
      }
    }
  }
}

// A random kernel of one of the shapes the arithmetic distinguishes.
KernelSpec random_kernel(std::mt19937& rng) {
  const int size = 2 * static_cast<int>(rng() % 32) + 1;  // 1..63
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<double> c(static_cast<std::size_t>(size) * size);
  switch (rng() % 5) {
    case 0: return make_kernel(fmt::format("box:{}", size));
    case 1: return make_kernel(fmt::format("gaussian:{}:{:.3f}", size, 0.3 + 6 * unit(rng)));
    case 2: {  // an integer outer product: separable although given as 2-D coefficients
      std::vector<int> a(size), b(size);
      int sum_a = 0, sum_b = 0;
      for (int i = 0; i < size; ++i) sum_a += a[i] = static_cast<int>(rng() % 9);
      for (int i = 0; i < size; ++i) sum_b += b[i] = static_cast<int>(rng() % 9);
      const double norm = std::max(1, sum_a) * static_cast<double>(std::max(1, sum_b));
      for (int i = 0; i < size; ++i)
        for (int j = 0; j < size; ++j) c[static_cast<std::size_t>(i) * size + j] = a[i] * b[j] / norm;
      return make_custom_kernel("custom-rank-one", c);
    }
    case 3: {  // a blur: non-negative, summing to one
      double sum = 0;
      for (auto& v : c) sum += v = unit(rng) < 0.2 ? 0 : unit(rng);
      for (auto& v : c) v = sum > 0 ? v / sum : 0;
      return make_custom_kernel("custom-blur", c);
    }
    default: {  // signed, larger gains: needs saturation at both ends
      for (auto& v : c) v = (unit(rng) - 0.4) * 4 / size;
      return make_custom_kernel("custom-signed", c);
    }
  }
}

TEST(Implementations, RandomKernelsRandomFrames) {
  const unsigned seed = fresh_seed();
  std::mt19937 rng(seed);
  std::map<FastPath, int> paths;
  for (int round = 0; round < 150; ++round) {
    const auto k = random_kernel(rng);
    paths[FastKernel(k, false).path()]++;
    // Keep reference work small: big kernels get small frames, sometimes smaller than the kernel.
    const int limit = k.size > 31 ? 24 : k.size > 9 ? 48 : 96;
    const int w = 1 + static_cast<int>(rng() % limit), h = 1 + static_cast<int>(rng() % limit);
    for (const auto& impl : implementations()) {
      if (impl.name == "reference" || !can_run(impl, k)) continue;
      const int threads = impl.multithreaded ? 1 + static_cast<int>(rng() % 3) : 1;
      const int diff = check_one(impl, k, w, h, rng, threads);
      EXPECT_LE(diff, allowed_difference(impl.exactness))
          << impl.name << ", " << describe(k, w, h) << ", threads " << threads << ", seed " << seed;
    }
  }
  // Each of cpu-fast's portable arithmetic paths was chosen (separable_vnni_test.cpp runs the
  // portable separable path itself on CPUs that would take the VNNI one).
  EXPECT_GT(paths[FastPath::separable], 0);
  EXPECT_GT(paths[FastPath::direct_float], 0);
  EXPECT_GT(paths[FastPath::direct_int32], 0);
}

TEST(Implementations, ExtremeFramesSaturateLikeTheReference) {
  std::mt19937 rng(fresh_seed());
  for (const char* name : {"sharpen3", "edge3", "emboss3", "laplacian3", "custom:-1,-1,-1,-1,9,-1,-1,-1,-1"}) {
    const auto k = make_kernel(name);
    Frame in(33, 21), expected(33, 21), out(33, 21);
    for (int y = 0; y < 21; ++y)  // black and white stripes: every sum at an extreme
      for (int x = 0; x < 33 * kChannels; ++x) in.row(y)[x] = ((x / kChannels + y) % 2) ? 255 : 0;
    reference_filter(k, in.view(), expected.view());
    for (const char* impl : {"cpu-fast", "tbb-rows", "cpu-fft"}) {
      implementation(impl).make(k, 2)->apply(in.view(), out.view());
      EXPECT_LE(max_difference(out.view(), expected.view()), allowed_difference(implementation(impl).exactness)) << impl << " " << name;
    }
  }
}

TEST(Implementations, OneFilterServesFramesOfDifferentSizes) {
  std::mt19937 rng(fresh_seed());
  for (const char* impl_name : {"cpu-fast", "tbb-rows", "cpu-fft"}) {
    for (const char* kernel : {"gaussian15", "sharpen3", "custom:1,2,3,4,5,6,7,8,9/45"}) {
      const auto k = make_kernel(kernel);
      const auto& impl = implementation(impl_name);
      auto filter = impl.make(k, 2);
      for (auto [w, h] : {std::pair{50, 40}, {7, 90}, {50, 40}, {120, 3}}) {
        Frame in(w, h), out(w, h), expected(w, h);
        fill_random(in.view(), rng);
        reference_filter(k, in.view(), expected.view());
        filter->apply(in.view(), out.view());
        EXPECT_LE(max_difference(out.view(), expected.view()), allowed_difference(impl.exactness)) << impl_name << " " << kernel << " " << w << "x" << h;
      }
    }
  }
}

TEST(Implementations, TbbRowsMatchesWithEveryThreadCount) {
  std::mt19937 rng(fresh_seed());
  Frame in(211, 157), expected(211, 157), out(211, 157);
  fill_random(in.view(), rng);
  for (const char* kernel : {"box5", "gaussian15", "edge3", "custom:1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2/3"}) {
    const auto k = make_kernel(kernel);
    reference_filter(k, in.view(), expected.view());
    for (int threads : {0, 1, 2, 3, 8}) {
      implementation("tbb-rows").make(k, threads)->apply(in.view(), out.view());
      EXPECT_TRUE(same_pixels(out.view(), expected.view())) << kernel << " threads " << threads;
    }
  }
}

// Verification's reference is make_fast_filter on all cores: bit for bit the plain reference.
TEST(Implementations, MakeFastFilterIsExact) {
  std::mt19937 rng(fresh_seed());
  Frame in(67, 45), expected(67, 45), out(67, 45);
  fill_random(in.view(), rng);
  for (const auto& name : preset_names()) {
    const auto k = make_kernel(name);
    reference_filter(k, in.view(), expected.view());
    for (int threads : {1, 0, 3}) {
      make_fast_filter(k, threads)->apply(in.view(), out.view());
      EXPECT_TRUE(same_pixels(out.view(), expected.view())) << name << " threads " << threads;
    }
  }
}

// Box-like columns use a running sum down each strip: several strips, borders reflected on rows
// the sum enters and leaves, and frames shorter than the kernel.
TEST(Implementations, CpuFastBoxesAreExactAcrossStrips) {
  std::mt19937 rng(fresh_seed());
  for (auto [w, h] : {std::pair{301, 29}, {530, 5}, {3, 70}}) {
    Frame in(w, h), expected(w, h), out(w, h);
    fill_random(in.view(), rng);
    for (const char* kernel : {"box:9", "box15", "box:31", "box:63"}) {
      const auto k = make_kernel(kernel);
      reference_filter(k, in.view(), expected.view());
      make_fast_filter(k)->apply(in.view(), out.view());
      EXPECT_TRUE(same_pixels(out.view(), expected.view())) << kernel << " " << w << "x" << h;
    }
  }
}

// Transforms of one row or one column: a 1x1 kernel on a one-pixel-wide or one-pixel-high frame.
TEST(Implementations, CpuFftOnOneColumn) {
  std::mt19937 rng(fresh_seed());
  const auto k = make_kernel("custom:0.7");
  for (auto [w, h] : {std::pair{1, 9}, {9, 1}, {1, 1}}) {
    Frame in(w, h), expected(w, h), out(w, h);
    fill_random(in.view(), rng);
    reference_filter(k, in.view(), expected.view());
    implementation("cpu-fft").make(k, 1)->apply(in.view(), out.view());
    EXPECT_LE(max_difference(out.view(), expected.view()), allowed_difference(implementation("cpu-fft").exactness)) << w << "x" << h;
  }
}

// FFTW's planner is not thread-safe: filters made and run on several threads at once share the
// process's plans, made once per tile shape, and still match the reference.
TEST(Implementations, CpuFftFiltersOnManyThreadsSharePlans) {
  const auto k = make_kernel("disc:9");
  std::vector<std::pair<int, int>> sizes{{300, 200}, {97, 131}, {300, 200}, {64, 64}, {97, 131}, {211, 50}};
  std::vector<int> worst(sizes.size(), 99);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < sizes.size(); ++i)
    threads.emplace_back([&, i] {
      const auto [w, h] = sizes[i];
      std::mt19937 rng(static_cast<unsigned>(i + 1));
      Frame in(w, h), expected(w, h), out(w, h);
      fill_random(in.view(), rng);
      reference_filter(k, in.view(), expected.view());
      auto filter = implementation("cpu-fft").make(k, 1);
      filter->apply(in.view(), out.view());
      filter->apply(in.view(), out.view());  // again with the plans it made
      worst[i] = max_difference(out.view(), expected.view());
    });
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < sizes.size(); ++i)
    EXPECT_LE(worst[i], allowed_difference(Exactness::one_lsb)) << sizes[i].first << "x" << sizes[i].second;
  EXPECT_EQ(&tile_plans(64, 64), &tile_plans(64, 64));
  EXPECT_NE(tile_plans(64, 64).forward, tile_plans(64, 128).forward);
}

TEST(Implementations, CpuFastPicksTheExpectedPath) {
  const auto separable = vnni_supported() ? FastPath::separable_vnni : FastPath::separable;
  EXPECT_EQ(FastKernel(make_kernel("box5")).path(), separable);
  EXPECT_EQ(FastKernel(make_kernel("gaussian15")).path(), separable);
  EXPECT_EQ(FastKernel(make_kernel("gaussian15"), false).path(), FastPath::separable);
  EXPECT_EQ(FastKernel(make_kernel("custom:1,2,1,2,4,2,1,2,1/16")).path(), separable);
  EXPECT_EQ(FastKernel(make_kernel("box15")).path(), separable);  // a running sum after a VNNI horizontal pass
  EXPECT_EQ(FastKernel(make_kernel("box15"), false).path(), FastPath::separable);
  EXPECT_EQ(FastKernel(make_kernel("sharpen3")).path(), FastPath::direct_int16);
  EXPECT_EQ(FastKernel(make_kernel("custom:1,2,1,2,3,2,1,2,1/15")).path(), FastPath::direct_float);
  // |coefficients| summing to ~4.6: sums reach past 2^24, so float would not be exact.
  EXPECT_EQ(FastKernel(make_kernel("custom:-0.3,-0.7,-0.3,-0.7,4.61,-0.7,-0.3,-0.7,-0.3")).path(), FastPath::direct_int32);
}

TEST(Implementations, AllZeroKernelGivesBlack) {
  Frame in(5, 4), out(5, 4), expected(5, 4);
  std::mt19937 rng(1);
  fill_random(in.view(), rng);
  const auto k = make_kernel("custom:0,0,0,0,0,0,0,0,0");
  reference_filter(k, in.view(), expected.view());
  for (const char* impl : {"cpu-fast", "tbb-rows", "cpu-fft", "opencv-filter2d"}) {
    if (implementation(impl).unavailable_reason && !implementation(impl).unavailable_reason().empty()) continue;  // no OpenCV
    implementation(impl).make(k, 1)->apply(in.view(), out.view());
    EXPECT_TRUE(same_pixels(out.view(), expected.view())) << impl;
  }
}

TEST(Implementations, OpencvSepRejectsNonSeparableKernels) {
  if (const auto why = opencv_unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
  try {
    implementation("opencv-sep").make(make_kernel("sharpen3"), 1);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "opencv-sep: kernel sharpen3 is not separable");
  }
}

TEST(Implementations, UnknownNameIsAnInputError) {
  EXPECT_THROW(implementation("cpu-fastest"), InputError);
  for (const auto& impl : implementations()) EXPECT_EQ(&implementation(impl.name), &impl);
}

// In every build, CUDA or not: the cuda-* rows are listed with the front's reason, and without
// CUDA asking for one fails with it.
TEST(Implementations, CudaRowsAreListedInEveryBuild) {
  const auto why = cuda::unavailable_reason();
  std::set<std::string> seen;
  for (const auto& impl : implementations()) {
    if (impl.name.rfind("cuda-", 0) != 0) continue;
    seen.insert(impl.name);
    ASSERT_TRUE(impl.unavailable_reason) << impl.name;
    EXPECT_EQ(impl.unavailable_reason(), why) << impl.name;
    if (why != "built without CUDA") continue;
    try {
      impl.make(make_kernel("box3"), 1);
      ADD_FAILURE() << impl.name << " made a filter without CUDA";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), impl.name + ": built without CUDA");
    }
  }
  EXPECT_EQ(seen, (std::set<std::string>{"cuda-global", "cuda-shared", "cuda-shared-2d", "cuda-fft"}));
  EXPECT_THROW(cuda::make_device_kernel_timer("cpu-fast", make_kernel("box5"), 64, 64), InputError);
}

// The OpenCV-backed rows are listed in every build; without OpenCV they say so and make nothing.
TEST(Implementations, OpencvRowsSayWhyWithoutOpencv) {
  const auto why = opencv_unavailable_reason();
  for (const char* name : {"opencv-filter2d", "opencv-sep"}) {
    const auto& impl = implementation(name);
    ASSERT_TRUE(impl.unavailable_reason) << name;
    EXPECT_EQ(impl.unavailable_reason(), why) << name;
    if (why.empty()) continue;
    EXPECT_EQ(why, "built without OpenCV");
    try {
      impl.make(make_kernel("box5"), 1);
      ADD_FAILURE() << name << " made a filter without OpenCV";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), std::string(name) + ": built without OpenCV");
    }
  }
  EXPECT_EQ(opencv_version() == "not built", !why.empty());
}

TEST(RankOne, FactorsReproduceTheTapsExactly) {
  for (const char* name : {"box5", "gaussian15", "box:63", "custom:1,2,1,2,4,2,1,2,1/16", "custom:0,0,0,-1,2,-1,0,0,0"}) {
    const auto k = make_kernel(name);
    const auto f = rank_one_factors(k);
    ASSERT_TRUE(f) << name;
    for (int i = 0; i < k.size; ++i)
      for (int j = 0; j < k.size; ++j) EXPECT_EQ(f->column[i] * f->row[j], k.tap(i, j)) << name;
  }
  EXPECT_FALSE(rank_one_factors(make_kernel("sharpen3")));
  EXPECT_FALSE(rank_one_factors(make_kernel("emboss3")));
  EXPECT_FALSE(rank_one_factors(make_kernel("custom:0,0,0,0,0,0,0,0,0")));
}

}  // namespace
}  // namespace framebench::kernels
