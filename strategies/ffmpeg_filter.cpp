// ffmpeg-filter, the peer a user would pick instead: the `ffmpeg` CLI decoding, filtering with
// the fastest of its own filters that computes the kernel (ffmpeg_filter_graph.hpp; on gbrp, so
// R, G and B are filtered as we filter them) and encoding with the same encoder settings, every
// part of it on `workers` threads. Verified by tolerance; the filter it ran is in the results.
#include <memory>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/ffmpeg_cli.hpp"
#include "strategies/child_usage.hpp"
#include "strategies/factories.hpp"
#include "strategies/ffmpeg_filter_graph.hpp"

namespace framebench::strategies {

namespace {

class FfmpegFilter final : public Strategy {
 public:
  FfmpegFilter()
      : Strategy("ffmpeg-filter",
                 "peer: the ffmpeg CLI with its fastest filter for the kernel (avgblur for boxes, else convolution), "
                 "-threads/-filter_threads = workers (verified by PSNR)") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool bit_exact() const override { return false; }
  void check(const Job& job) const override {
    Strategy::check(job);
    ffmpeg_filter_graph(job.kernel);  // a kernel ffmpeg cannot express is bad input, before anything starts
  }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    const int threads = CoreBudget(job.workers).cores();
    const FfmpegFilterGraph graph = ffmpeg_filter_graph(job.kernel);
    const auto argv = media::ffmpeg_transcode_argv(job.input, job.output, graph.graph, job.encoder, threads);
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
    report.label = graph.method();
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_ffmpeg_filter() { return std::make_unique<FfmpegFilter>(); }

}  // namespace framebench::strategies
