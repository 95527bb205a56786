// The GPU strategies: decode on the CPU, batches of options.batch frames filtered on the GPU
// (upload, kernel, download), encode on the CPU. They differ only in the kernel they run and in
// how many batches are in flight, so they are one strategy with a row each.
// Decoded frames are converted to BGR24 straight into the pinned host frames the GPU uploads
// from (FramePipeline::next_frame), so no CPU copy stands between decoder and GPU.
// Stages: decode (with that conversion), encode, and upload, kernel and download as CUDA events
// measure them (see kernels/cuda/front.hpp's FramePipeline).
#include <algorithm>
#include <memory>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/cuda/profiler_range.hpp"
#include "media/native_frame.hpp"
#include "media/output_encoding.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/factories.hpp"

namespace framebench::strategies {

namespace {

namespace gpu = kernels::cuda;

struct GpuRow {
  const char* name;
  gpu::Algorithm algorithm;
  int slots;  // batches in flight, each on its own stream; 0: options.streams
  const char* description;
};

// One slot: every batch completes before the CPU moves on. N slots on N streams: batch i's
// upload, kernel and download overlap the CPU decoding batch i+1 and, on a thread of its own,
// encoding batch i-N+1.
constexpr GpuRow kCudaGlobal{"cuda-global", gpu::Algorithm::global, 1,
                             "CPU decode/encode; GPU direct convolution from global memory, one batch at a time"};
constexpr GpuRow kCudaShared{
    "cuda-shared", gpu::Algorithm::shared, 1,
    "CPU decode/encode; GPU shared-memory tiles, constant-memory taps (separable: two passes), one batch at a time"};
constexpr GpuRow kCudaFft{"cuda-fft", gpu::Algorithm::fft, 1,
                          "CPU decode/encode; GPU cuFFT convolution in double, cached plans and spectrum, one batch at a time"};
constexpr GpuRow kCudaStreams{"cuda-streams", gpu::Algorithm::shared, 0,
                              "CPU decode/encode overlapped with GPU upload, shared-memory kernel and download on several streams"};

class GpuStrategy final : public Strategy {
 public:
  explicit GpuStrategy(const GpuRow& row) : Strategy(row.name, row.description), row_(row) {}
  std::string unavailable_reason() const override { return gpu::unavailable_reason(); }
  bool uses_gpu() const override { return true; }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    // The CPU side is decode and encode: the core budget is split between the two codecs.
    const auto [decode_threads, encode_threads] = CoreBudget(job.workers).split_two();
    media::VideoReader reader(job.input_info, {.threads = decode_threads});
    const auto& info = reader.info();
    media::VideoWriter writer(job.output, job.encoder,
                              {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = encode_threads,
                               .times = media::FrameTimes::of(info),
                               .presentation = media::output_presentation(info, PixelPath::bgr24, job.encoder)});
    RunReport report;
    double decode = 0, encode = 0;
    const int slots = std::max(1, row_.slots > 0 ? row_.slots : job.options.streams);
    // With one slot nothing overlaps, so the sink stays on this thread.
    const auto sink_thread = slots > 1 ? gpu::SinkThread::own : gpu::SinkThread::caller;
    const auto pipeline = gpu::make_frame_pipeline(
        row_.algorithm, job.kernel, info.width, info.height, std::max(1, job.options.batch), slots,
        [&](ConstFrameView filtered) {
          const gpu::ProfilerRange range("encode");
          ScopedTimer t(encode);
          writer.write(filtered);
          ++report.frames;
        },
        sink_thread);
    media::NativeFrame decoded;
    media::NativeToBgr to_bgr;
    for (;;) {
      // Ctrl-C and the repetition's time limit, as every CPU strategy's frame loop looks (found 6 December
      // 2026 by a review of the GPU code: the whole clip ran on). Unwinding abandons the batches in flight.
      throw_if_stopped();
      const FrameView pinned = pipeline->next_frame();
      {
        const gpu::ProfilerRange range("decode");
        ScopedTimer t(decode);
        if (!reader.read(decoded)) break;
        to_bgr.convert(decoded, pinned);
      }
      pipeline->commit();
    }
    pipeline->finish();
    {
      const gpu::ProfilerRange range("encode");
      ScopedTimer t(encode);
      writer.finish();
    }
    const auto gpu_seconds = pipeline->seconds();
    report.stages = make_stage_seconds({{Stage::decode, decode},
                                        {Stage::encode, encode},
                                        {Stage::upload, gpu_seconds.upload},
                                        {Stage::kernel, gpu_seconds.kernel},
                                        {Stage::download, gpu_seconds.download}});
    return report;
  }

 private:
  const GpuRow& row_;
};

}  // namespace

std::unique_ptr<Strategy> make_cuda_global() { return std::make_unique<GpuStrategy>(kCudaGlobal); }
std::unique_ptr<Strategy> make_cuda_shared() { return std::make_unique<GpuStrategy>(kCudaShared); }
std::unique_ptr<Strategy> make_cuda_fft() { return std::make_unique<GpuStrategy>(kCudaFft); }
std::unique_ptr<Strategy> make_cuda_streams() { return std::make_unique<GpuStrategy>(kCudaStreams); }

}  // namespace framebench::strategies
