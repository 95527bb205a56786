#include "strategies/cuda_pipeline.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "kernels/cuda/cuda.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::strategies {

std::string gpu_unavailable_reason() { return kernels::cuda::unavailable_reason(); }

#if FRAMEBENCH_HAVE_CUDA

namespace {

namespace gpu = kernels::cuda;

// One batch in flight: its buffers, its stream and the events that time its stages.
struct Slot {
  Slot(gpu::Algorithm algorithm, const kernels::KernelSpec& kernel, int width, int height, int batch)
      : host_in(batch, width, height),
        host_out(batch, width, height),
        device_in(batch, width, height),
        device_out(batch, width, height),
        filter(algorithm, kernel, width, height, batch) {}
  gpu::PinnedFrames host_in, host_out;
  gpu::DeviceFrames device_in, device_out;
  gpu::BatchFilter filter;
  gpu::Event start, uploaded, filtered, downloaded;
  int frames = 0;      // in this batch; 0 when the slot is free
  gpu::Stream stream;  // last: destroyed first, after waiting for the batch
};

}  // namespace

RunReport run_gpu_pipeline(const Job& job, gpu::Algorithm algorithm, int slots) {
  if (const auto why = gpu_unavailable_reason(); !why.empty()) throw Error(why);
  // The CPU side is decode and encode: split the core budget between the two codecs.
  const int decode_threads = std::max(1, job.workers / 2);
  const int encode_threads = std::max(1, job.workers - decode_threads);
  media::VideoReader reader(job.input_info, {.threads = decode_threads});
  const auto& info = reader.info();
  media::VideoWriter writer(job.output, job.encoder,
                            {.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = encode_threads});
  const int batch = std::max(1, job.options.batch);
  std::vector<std::unique_ptr<Slot>> ring;
  for (int s = 0; s < std::max(1, slots); ++s)
    ring.push_back(std::make_unique<Slot>(algorithm, job.kernel, info.width, info.height, batch));

  RunReport report;
  double decode = 0, encode = 0, transfer = 0, upload = 0, kernel = 0, download = 0;
  // Waits for a slot's batch, books its GPU stage times and encodes it.
  auto finish = [&](Slot& s) {
    s.downloaded.synchronize();
    upload += gpu::Event::seconds_between(s.start, s.uploaded);
    kernel += gpu::Event::seconds_between(s.uploaded, s.filtered);
    download += gpu::Event::seconds_between(s.filtered, s.downloaded);
    ScopedTimer t(encode);
    for (int i = 0; i < s.frames; ++i) writer.write(s.host_out.view(i));
    report.frames += s.frames;
    s.frames = 0;
  };

  Frame decoded;
  std::size_t next = 0;  // batches submitted so far
  for (bool more = true; more; ++next) {
    Slot& s = *ring[next % ring.size()];
    if (s.frames > 0) finish(s);  // the batch submitted ring.size() batches ago
    while (s.frames < batch) {
      {
        ScopedTimer t(decode);
        if (!reader.read(decoded)) {
          more = false;
          break;
        }
      }
      ScopedTimer t(transfer);
      copy_pixels(decoded.view(), s.host_in.view(s.frames));
      ++s.frames;
    }
    if (s.frames == 0) break;
    s.start.record(s.stream);
    gpu::upload(s.host_in, s.device_in, s.frames, s.stream);
    s.uploaded.record(s.stream);
    s.filter.run(s.device_in, s.device_out, s.frames, s.stream);
    s.filtered.record(s.stream);
    gpu::download(s.device_out, s.host_out, s.frames, s.stream);
    s.downloaded.record(s.stream);
  }
  // Batches still in flight, oldest first: the slot after the last one used is the oldest.
  for (std::size_t k = 0; k < ring.size(); ++k) {
    Slot& s = *ring[(next + k) % ring.size()];
    if (s.frames > 0) finish(s);
  }
  {
    ScopedTimer t(encode);
    writer.finish();
  }
  report.stages = {{"decode", decode}, {"encode", encode}, {"transfer", transfer},
                   {"upload", upload}, {"kernel", kernel}, {"download", download}};
  return report;
}

#else

RunReport run_gpu_pipeline(const Job&, kernels::cuda::Algorithm, int) { throw Error(gpu_unavailable_reason()); }

#endif

}  // namespace framebench::strategies
