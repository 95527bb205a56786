// The colour conversions alone, one thread, per frame: the figures behind media/convert.hpp's
// choice of library (docs/PERFORMANCE.md, "BGR conversions"). A benchmark, not a test:
//   cmake --build --preset release --target convert_benchmark
//   build/release/tests/media/convert_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdint>
#include <memory>
#include <stdexcept>

#include "media/convert.hpp"
#include "media/libav.hpp"
#include "test_frames.hpp"

namespace framebench::media {
namespace {

using testing::gradient_bgr_frame;

FramePtr yuv420p_frame(int width, int height) { return testing::blank_frame(width, height, AV_PIX_FMT_YUV420P); }

void from_bgr(benchmark::State& state, FromBgrLibrary library) {
  const int width = static_cast<int>(state.range(0)), height = static_cast<int>(state.range(1));
  const Frame in = gradient_bgr_frame(width, height);
  auto out = yuv420p_frame(width, height);
  FromBgr convert(width, height, AV_PIX_FMT_YUV420P, library);
  state.SetLabel(convert.library());
  for (auto _ : state) convert.convert(in.view(), *out);
  state.SetItemsProcessed(state.iterations());
}

void to_bgr(benchmark::State& state) {
  const int width = static_cast<int>(state.range(0)), height = static_cast<int>(state.range(1));
  auto yuv = yuv420p_frame(width, height);
  FromBgr(width, height, AV_PIX_FMT_YUV420P).convert(gradient_bgr_frame(width, height).view(), *yuv);
  Frame out;
  ToBgr convert;
  state.SetLabel("libswscale");
  for (auto _ : state) convert.convert(*yuv, out);
  state.SetItemsProcessed(state.iterations());
}

void sizes(benchmark::internal::Benchmark* b) { b->Args({1920, 1080})->Args({1280, 720})->Unit(benchmark::kMillisecond); }

BENCHMARK(to_bgr)->Name("convert/yuv420p-to-bgr24/cheapest")->Apply(sizes);
BENCHMARK_CAPTURE(from_bgr, cheapest, FromBgrLibrary::cheapest)->Name("convert/bgr24-to-yuv420p/cheapest")->Apply(sizes);
BENCHMARK_CAPTURE(from_bgr, swscale, FromBgrLibrary::swscale)->Name("convert/bgr24-to-yuv420p/swscale")->Apply(sizes);

}  // namespace
}  // namespace framebench::media

BENCHMARK_MAIN();
