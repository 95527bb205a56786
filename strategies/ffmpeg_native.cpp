// ffmpeg-native, the peer for the native pixel path: the `ffmpeg` CLI filtering the decoder's own
// planes (yuv420p: luma full size, chroma at half), with no colour conversion on either side, as
// a user who accepts filtering in that format would run it: `avgblur` for box kernels (ffmpeg's
// fastest mean), its `convolution` filter on every plane otherwise, each inside our border rule
// (strategies/ffmpeg_filter_graph.hpp). Encoded with the same encoder settings in the input's
// pixel format, every part on `workers` threads. Verified by PSNR against the native-path
// reference.
#include <memory>

#include "core/error.hpp"
#include "media/ffmpeg_cli.hpp"
#include "media/output_encoding.hpp"
#include "strategies/factories.hpp"
#include "strategies/ffmpeg_filter_graph.hpp"
#include "strategies/ffmpeg_peer.hpp"

namespace framebench::strategies {

namespace {

class FfmpegNative final : public Strategy {
 public:
  FfmpegNative()
      : Strategy("ffmpeg-native",
                 "peer: the ffmpeg CLI filtering the decoder's own planes (avgblur for box kernels), no colour conversion, "
                 "-threads/-filter_threads = workers (verified by PSNR)") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool runs_ffmpeg_program() const override { return true; }
  bool bit_exact() const override { return false; }
  std::string kernel_unsupported_reason(const kernels::KernelSpec& kernel) const override { return ffmpeg_kernel_problem(kernel, name()); }
  std::string pixel_path_unsupported_reason(PixelPath path) const override {
    if (path == PixelPath::native) return {};
    return "ffmpeg-native filters the decoder's own planes: it runs with pixel format native (ffmpeg-filter is the BGR24 peer)";
  }

  void check(const Job& job) const override {
    Strategy::check(job);
    ffmpeg_native_graph(job.kernel, job.input_info);
  }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    check(job);
    const auto encoder = media::encoder_for_path(job.encoder, PixelPath::native, job.input_info);
    return run_ffmpeg_peer(job, ffmpeg_native_graph(job.kernel, job.input_info), encoder, "framebench-ffmpeg-native");
  }
};

}  // namespace

std::unique_ptr<Strategy> make_ffmpeg_native() { return std::make_unique<FfmpegNative>(); }

}  // namespace framebench::strategies
