// ffmpeg-filter, the peer a user would pick instead: the `ffmpeg` CLI decoding, filtering with
// its own `convolution` filter (on gbrp, so R, G and B are filtered as we filter them) and
// encoding with the same encoder settings, every part of it on `workers` threads. Verified by
// tolerance.
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
#include "strategies/child_usage.hpp"
#include "strategies/factories.hpp"

namespace framebench::strategies {

namespace {

// One `convolution` filter with the same matrix on the three planes, the result being
// (int)(sum(matrix * pixels) / divisor + 0.5) clipped to 0..255.
std::string convolution(const std::vector<std::int64_t>& matrix, std::int64_t divisor, const char* mode) {
  const std::string m = fmt::format("{}", fmt::join(matrix, " "));
  std::string f = "convolution=";
  for (int plane = 0; plane < 3; ++plane)
    f += fmt::format("{}{}m='{}':{}rdiv=1/{}:{}mode={}", plane ? ":" : "", plane, m, plane, divisor, plane, mode);
  return f;
}

// The kernel as small integers over a divisor: exactly its coefficients when they are multiples
// of 1/d for a small d (box5 is 25 ones over 25, sharpen3 is itself over 1), else our fixed-point
// taps over 2^16 reduced by their common factor. Small numbers matter: ffmpeg's SIMD 3x3 path
// computes wrongly with taps as large as 2^18.
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

// The filter graph for a kernel: a square `convolution` up to 5x5, or a row pass and a column
// pass for separable kernels up to 49 taps. Throws InputError for kernels ffmpeg cannot express.
std::string ffmpeg_convolution_graph(const kernels::KernelSpec& k) {
  // convolution filters planes, so it runs on gbrp. The hop through bgr24 on each side makes
  // ffmpeg convert YUV<->RGB exactly as the strategies do (libswscale's direct YUV<->gbrp path
  // interpolates chroma differently: up to 146 levels apart on the test pattern's colour edges).
  std::string graph = "format=bgr24,format=gbrp,";
  if (k.size == 3 || k.size == 5) {
    const auto [matrix, divisor] = integer_matrix(k);
    graph += convolution(matrix, divisor, "square");
  } else if (k.size == 1) {
    // ffmpeg has no 1x1 matrix; a 3x3 one with the tap in the middle is the same filter.
    const auto [matrix, divisor] = integer_matrix(k);
    graph += convolution({0, 0, 0, 0, matrix[0], 0, 0, 0, 0}, divisor, "square");
  } else if (k.separable && k.size <= 49) {
    // Two 8-bit passes: the intermediate rounding makes this a near, not exact, equivalent.
    const auto& sep = *k.separable;
    const std::int64_t d = std::int64_t{1} << kernels::kSeparableShift;
    graph += convolution({sep.row.begin(), sep.row.end()}, d, "row") + "," +
             convolution({sep.column.begin(), sep.column.end()}, d, "column");
  } else {
    throw InputError(fmt::format("ffmpeg-filter cannot run kernel '{}' ({}x{}): ffmpeg's convolution filter takes square matrices "
                                 "up to 5x5, or separable kernels up to 49 taps as row and column passes",
                                 k.name, k.size, k.size));
  }
  return graph + ",format=bgr24";
}

class FfmpegFilter final : public Strategy {
 public:
  FfmpegFilter()
      : Strategy("ffmpeg-filter",
                 "peer: the ffmpeg CLI with its convolution filter, -threads/-filter_threads = workers (verified by PSNR)") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool bit_exact() const override { return false; }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    const int threads = CoreBudget(job.workers).cores();
    const auto argv = media::ffmpeg_transcode_argv(job.input, job.output, ffmpeg_convolution_graph(job.kernel), job.encoder, threads);
    ScratchDir scratch("framebench-ffmpeg-filter", job.scratch_parent);
    SpawnOptions options;
    options.stderr_file = scratch / "ffmpeg.log";
    Subprocess ffmpeg(argv, options);
    const ChildUsage usage = wait_for_exit(ffmpeg.pid());
    const ExitStatus status = ffmpeg.wait();
    if (!status.ok()) throw Error(media::ffmpeg_failure("ffmpeg", status, scratch / "ffmpeg.log"));
    RunReport report;
    // ffmpeg is one black box: its decode, filter and encode share its threads and it reports no
    // split of its time, so no stage is claimed; its CPU time counts in the run's children time.
    report.frames = media::probe(job.output).frame_count;
    report.peak_rss_bytes = usage.peak_rss_bytes;
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_ffmpeg_filter() { return std::make_unique<FfmpegFilter>(); }

}  // namespace framebench::strategies
