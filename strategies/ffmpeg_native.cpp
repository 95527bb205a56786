// ffmpeg-native, the peer for the native pixel path: the `ffmpeg` CLI filtering the decoder's own
// planes (yuv420p: luma full size, chroma at half), with no colour conversion on either side, as
// a user who accepts filtering in that format would run it: `avgblur` for box kernels (ffmpeg's
// fastest mean), its `convolution` filter on every plane otherwise. Encoded with the same encoder
// settings in the input's pixel format, every part on `workers` threads. Verified by PSNR against
// the native-path reference (avgblur shrinks its window at the borders where ours reflects).
#include <cmath>
#include <memory>
#include <numeric>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/ffmpeg_cli.hpp"
#include "media/native_planes.hpp"
#include "strategies/child_usage.hpp"
#include "strategies/factories.hpp"

namespace framebench::strategies {

namespace {

bool is_box(const kernels::KernelSpec& k) {
  for (const double c : k.coefficients)
    if (c != k.coefficients.front()) return false;
  return k.coefficients.front() > 0;
}

// The kernel as integers over a divisor: its coefficients exactly when they are multiples of 1/d
// for a small d, else the fixed-point taps over 2^16, reduced by their common factor.
std::pair<std::vector<std::int64_t>, std::int64_t> integer_matrix(const kernels::KernelSpec& k) {
  for (std::int64_t d = 1; d <= 1024; ++d) {
    std::vector<std::int64_t> m;
    for (const double c : k.coefficients) {
      const double v = c * static_cast<double>(d);
      if (std::abs(v - std::round(v)) > 1e-6) break;
      m.push_back(std::llround(v));
    }
    if (m.size() == k.coefficients.size()) return {m, d};
  }
  std::vector<std::int64_t> m(k.taps.begin(), k.taps.end());
  std::int64_t d = std::int64_t{1} << kernels::kShift;
  std::int64_t g = d;
  for (const auto t : m) g = std::gcd(g, t);
  for (auto& t : m) t /= g;
  return {m, d / g};
}

// Throws InputError for kernels ffmpeg has no native-format filter for.
std::string native_graph(const kernels::KernelSpec& k) {
  const int r = k.size / 2;
  if (is_box(k) && k.size > 1) return fmt::format("avgblur=sizeX={}:sizeY={}", r, r);
  if (k.size == 3 || k.size == 5 || k.size == 7) {
    const auto [matrix, divisor] = integer_matrix(k);
    const std::string m = fmt::format("{}", fmt::join(matrix, " "));
    std::string f = "convolution=";
    for (int plane = 0; plane < 4; ++plane)
      f += fmt::format("{}{}m='{}':{}rdiv=1/{}:{}mode=square", plane ? ":" : "", plane, m, plane, divisor, plane);
    return f;
  }
  throw InputError(fmt::format("ffmpeg-native cannot run kernel '{}' ({}x{}): ffmpeg's avgblur takes box kernels, its convolution "
                               "filter square matrices of 3x3, 5x5 or 7x7",
                               k.name, k.size, k.size));
}

class FfmpegNative final : public Strategy {
 public:
  FfmpegNative()
      : Strategy("ffmpeg-native",
                 "peer: the ffmpeg CLI filtering the decoder's own planes (avgblur for box kernels), no colour conversion, "
                 "-threads/-filter_threads = workers (verified by PSNR)") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool bit_exact() const override { return false; }
  std::string pixel_path_unsupported_reason(PixelPath path) const override {
    if (path == PixelPath::native) return {};
    return "ffmpeg-native filters the decoder's own planes: it runs with pixel format native (ffmpeg-filter is the BGR24 peer)";
  }

  void check(const Job& job) const override {
    Strategy::check(job);
    native_graph(job.kernel);
  }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    check(job);
    const int threads = CoreBudget(job.workers).cores();
    const auto encoder = media::encoder_for_path(job.encoder, PixelPath::native, job.input_info);
    const auto argv = media::ffmpeg_transcode_argv(job.input, job.output, native_graph(job.kernel), encoder, threads);
    ScratchDir scratch("framebench-ffmpeg-native", job.scratch_parent);
    SpawnOptions options;
    options.stderr_file = scratch / "ffmpeg.log";
    Subprocess ffmpeg(argv, options);
    const ChildUsage usage = wait_for_exit(ffmpeg.pid());
    const ExitStatus status = ffmpeg.wait();
    if (!status.ok()) throw Error(media::ffmpeg_failure("ffmpeg", status, scratch / "ffmpeg.log"));
    RunReport report;
    // One black box, as ffmpeg-filter: no stage split, its CPU time counted as the run's children's.
    report.frames = media::probe(job.output).frame_count;
    report.peak_rss_bytes = usage.peak_rss_bytes;
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_ffmpeg_native() { return std::make_unique<FfmpegNative>(); }

}  // namespace framebench::strategies
