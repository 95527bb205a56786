// ffmpeg-filter, the peer a user would pick instead: the `ffmpeg` CLI decoding, filtering with
// the fastest of its own filters that computes the kernel (ffmpeg_filter_graph.hpp; on gbrp, so
// R, G and B are filtered as we filter them) and encoding with the same encoder settings, every
// part of it on `workers` threads. Verified by tolerance; the filter it ran is in the results.
#include <memory>

#include "core/error.hpp"
#include "media/ffmpeg_cli.hpp"
#include "strategies/factories.hpp"
#include "strategies/ffmpeg_filter_graph.hpp"
#include "strategies/ffmpeg_peer.hpp"

namespace framebench::strategies {

namespace {

class FfmpegFilter final : public Strategy {
 public:
  FfmpegFilter()
      : Strategy("ffmpeg-filter",
                 "peer: the ffmpeg CLI with its fastest filter for the kernel (avgblur for boxes, else convolution), "
                 "-threads/-filter_threads = workers (verified by PSNR)") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool runs_ffmpeg_program() const override { return true; }
  bool bit_exact() const override { return false; }
  std::string kernel_unsupported_reason(const kernels::KernelSpec& kernel) const override { return ffmpeg_kernel_problem(kernel, name()); }
  void check(const Job& job) const override {
    Strategy::check(job);
    ffmpeg_filter_graph(job.kernel, job.input_info);  // a kernel ffmpeg cannot express is bad input, before anything starts
  }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    return run_ffmpeg_peer(job, ffmpeg_filter_graph(job.kernel, job.input_info), job.encoder, "framebench-ffmpeg-filter");
  }
};

}  // namespace

std::unique_ptr<Strategy> make_ffmpeg_filter() { return std::make_unique<FfmpegFilter>(); }

}  // namespace framebench::strategies
