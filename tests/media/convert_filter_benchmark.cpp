// Does filtering rows while the conversion has just left them in cache pay? One thread, per
// 1080p frame: YUV -> BGR24, the fast filter, BGR24 -> yuv420p, once over whole frames (ToBgr,
// the filter, FromBgr, as the strategies did) and once in bands of rows through media::BgrBands
// (each band converted, then filtered, then converted back, before the next; the strategies' way
// now, in bands of 64 rows). The caches are flushed before each frame, as
// decoding and encoding the frames between would. A benchmark, not a test (docs/PERFORMANCE.md,
// "BGR conversions"):
//   cmake --build --preset release --target convert_filter_benchmark
//   build/release/tests/media/convert_filter_benchmark --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#include <benchmark/benchmark.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include "kernels/cpu/fast.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/bgr_bands.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "test_frames.hpp"


namespace framebench::media {
namespace {

constexpr int kWidth = 1920, kHeight = 1080;

FramePtr yuv420p_frame() { return testing::blank_frame(kWidth, kHeight, AV_PIX_FMT_YUV420P); }

// A decoded-looking frame: smooth gradients with texture, made through the BGR24 -> YUV path.
FramePtr input_frame() {
  FramePtr f = yuv420p_frame();
  FromBgr(kWidth, kHeight, AV_PIX_FMT_YUV420P).convert(testing::gradient_bgr_frame(kWidth, kHeight).view(), *f);
  return f;
}

void flush_caches() {
  static std::vector<std::uint8_t> big(std::size_t{128} << 20);
  for (std::size_t i = 0; i < big.size(); i += 64) big[i] = static_cast<std::uint8_t>(big[i] + 1);
}

struct Pass {
  FramePtr in = input_frame();
  FramePtr out = yuv420p_frame();
  Frame bgr_in, bgr_out;
  kernels::FastKernel kernel{kernels::make_kernel("box5")};
  kernels::FastScratch scratch;
  ToBgr to_bgr;
  FromBgr from_bgr{kWidth, kHeight, AV_PIX_FMT_YUV420P};
  NativeFrame native_in, native_out;  // `in` and `out`, as BgrBands takes them
  std::optional<BgrBands> bands;
  int bands_rows = 0;

  Pass() {
    bgr_in.resize(kWidth, kHeight);
    bgr_out.resize(kWidth, kHeight);
    if (av_frame_ref(&native_in.av(), in.get()) < 0 || av_frame_ref(&native_out.av(), out.get()) < 0)
      throw std::runtime_error("av_frame_ref");
  }

  void whole() {
    to_bgr.convert(*in, bgr_in);
    kernel.filter_rows(bgr_in.view(), bgr_out.view(), 0, kHeight, scratch);
    from_bgr.convert(bgr_out.view(), *out);
  }

  // The same through media::BgrBands, in bands of `rows`.
  void banded(int rows) {
    if (!bands || bands_rows != rows) {
      bands.emplace(
          kernel.size() / 2, [this](ConstFrameView from, FrameView to, int y0, int y1) { kernel.filter_rows(from, to, y0, y1, scratch); },
          rows);
      bands_rows = rows;
    }
    bands->apply(native_in, native_out);
  }

  std::vector<std::uint8_t> output() const { return testing::frame_bytes(*out); }
};

// rows 0: whole frames; otherwise bands of that many rows, checked first to give the same bytes.
void convert_filter_convert(benchmark::State& state) {
  const int rows = static_cast<int>(state.range(0));
  Pass pass;
  pass.whole();
  const auto expected = pass.output();
  if (rows > 0) {
    pass.banded(rows);
    if (pass.output() != expected) {
      state.SkipWithError("bands give other bytes than whole frames");
      return;
    }
  }
  for (auto _ : state) {
    state.PauseTiming();
    flush_caches();
    state.ResumeTiming();
    if (rows == 0) pass.whole();
    else pass.banded(rows);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(convert_filter_convert)->Name("convert-filter-convert/box5/1920x1080/band-rows")->Arg(0)->Arg(16)->Arg(32)->Arg(64)->Arg(128)
    ->Unit(benchmark::kMillisecond)->MinTime(1.0);

}  // namespace
}  // namespace framebench::media

BENCHMARK_MAIN();
