// Does filtering rows while the conversion has just left them in cache pay? One thread, per
// 1080p frame: YUV -> BGR24, the fast filter, BGR24 -> yuv420p, once over whole frames (as the
// strategies do, through ToBgr and FromBgr) and once in bands of rows (each band converted, then
// filtered, then converted back, before the next). The caches are flushed before each frame, as
// decoding and encoding the frames between would. A benchmark, not a test (docs/PERFORMANCE.md,
// "BGR conversions"):
//   cmake --build --preset release --target convert_filter_benchmark
//   build/release/tests/media/convert_filter_benchmark --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#include <benchmark/benchmark.h>

#include <libyuv.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "kernels/cpu/fast.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "test_frames.hpp"

extern "C" {
#include <libswscale/swscale.h>
}

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
  // The same conversions as ToBgr's and FromBgr's (libswscale's unscaled path with the CLI's
  // flags; libyuv's BT.601 RGB24ToI420), called a slice of rows at a time.
  SwsContext* sws = sws_getContext(kWidth, kHeight, AV_PIX_FMT_YUV420P, kWidth, kHeight, AV_PIX_FMT_BGR24, SWS_BICUBIC, nullptr,
                                   nullptr, nullptr);

  Pass() {
    bgr_in.resize(kWidth, kHeight);
    bgr_out.resize(kWidth, kHeight);
  }
  ~Pass() { sws_freeContext(sws); }

  void whole() {
    to_bgr.convert(*in, bgr_in);
    kernel.filter_rows(bgr_in.view(), bgr_out.view(), 0, kHeight, scratch);
    from_bgr.convert(bgr_out.view(), *out);
  }

  // Bands of `rows` (even, for 4:2:0's chroma rows); each band's filter needs the kernel's radius
  // of converted rows below it, so the conversion runs that far ahead.
  void banded(int rows) {
    const int radius = kernel.size() / 2;
    int converted = 0;
    for (int y0 = 0; y0 < kHeight; y0 += rows) {
      const int y1 = std::min(kHeight, y0 + rows);
      const int need = std::min(kHeight, (y1 + radius + 1) & ~1);
      if (need > converted) {
        const std::uint8_t* src[4] = {in->data[0] + converted * in->linesize[0], in->data[1] + converted / 2 * in->linesize[1],
                                      in->data[2] + converted / 2 * in->linesize[2], nullptr};
        std::uint8_t* dst[4] = {bgr_in.row(0), nullptr, nullptr, nullptr};
        const int dst_stride[4] = {static_cast<int>(bgr_in.stride()), 0, 0, 0};
        sws_scale(sws, src, in->linesize, converted, need - converted, dst, dst_stride);
        converted = need;
      }
      kernel.filter_rows(bgr_in.view(), bgr_out.view(), y0, y1, scratch);
      libyuv::RGB24ToI420(bgr_out.row(y0), static_cast<int>(bgr_out.stride()), out->data[0] + y0 * out->linesize[0], out->linesize[0],
                          out->data[1] + y0 / 2 * out->linesize[1], out->linesize[1], out->data[2] + y0 / 2 * out->linesize[2],
                          out->linesize[2], kWidth, y1 - y0);
    }
  }

  std::vector<std::uint8_t> output() const {
    std::vector<std::uint8_t> bytes;
    for (int p = 0; p < 3; ++p) {
      const int h = p == 0 ? kHeight : kHeight / 2, w = p == 0 ? kWidth : kWidth / 2;
      for (int y = 0; y < h; ++y) bytes.insert(bytes.end(), out->data[p] + y * out->linesize[p], out->data[p] + y * out->linesize[p] + w);
    }
    return bytes;
  }
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
