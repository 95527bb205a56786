// What verification costs a user, per 1080p frame: verify_output on a lossy output (x264
// ultrafast, box5) of a 1080p test-pattern clip made like the catalog's testsrc2-1080p
// (x264 medium, GOP 30), on all cores, as `framebench run` calls it. Wall and CPU time of the
// whole process (both decoders, the filter and the comparisons run on threads of their own).
// A benchmark, not a test (docs/PERFORMANCE.md, "Waiting around the timed work"):
//   cmake --build --preset release --target verification_benchmark
//   build/release/tests/harness/verification_benchmark --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true
#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/frame.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "harness/verification.hpp"
#include "kernels/fast_filter.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::harness {
namespace {

constexpr int kFrames = 60;

struct Clips {
  ScratchDir dir{"verification-benchmark"};
  std::filesystem::path input = dir.path() / "in.mp4";
  std::filesystem::path output = dir.path() / "out.mp4";
  kernels::KernelSpec kernel = kernels::make_kernel("box5");
  const media::EncoderSpec& encoder = media::encoder("x264-ultrafast");

  Clips() {
    if (!run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-frames:v",
                      std::to_string(kFrames), "-c:v", "libx264", "-preset", "medium", "-g", "30", "-pix_fmt", "yuv420p",
                      input.string()})
             .status.ok())
      throw std::runtime_error("ffmpeg could not make the input clip");
    media::VideoReader reader(input);
    const auto filter = kernels::make_fast_filter(kernel, /*threads=*/0);
    media::VideoWriter writer(output, encoder,
                              {.width = reader.info().width, .height = reader.info().height, .frame_rate = reader.info().frame_rate});
    Frame out;
    for (Frame f; reader.read(f);) {
      if (out.width() != f.width() || out.height() != f.height()) out = Frame(f.width(), f.height());
      filter->apply(f.view(), out.view());
      writer.write(out.view());
    }
    writer.finish();
  }
};

void BM_VerifyLossy1080p(benchmark::State& state) {
  static const Clips clips;
  const media::VideoInfo input = media::probe(clips.input);
  for (auto _ : state) {
    const VerificationResult r = verify_output(input, clips.output, clips.kernel, clips.encoder, {VerifyMode::automatic, 30},
                                               /*bit_exact_filter=*/true, PixelPath::bgr24);
    if (!r.verified) {
      state.SkipWithError(("did not verify: " + r.message).c_str());
      return;
    }
    benchmark::DoNotOptimize(r.min_psnr_db);
  }
  state.counters["frames"] = kFrames;
}
BENCHMARK(BM_VerifyLossy1080p)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();

}  // namespace
}  // namespace framebench::harness

BENCHMARK_MAIN();
