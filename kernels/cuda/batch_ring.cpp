// FramePipeline on the GPU: a ring of slots, each a batch of pinned host frames, device frames,
// a prepared kernel and a stream. A slot is reused only once its previous batch is back.
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "kernels/cuda/batch_filter.hpp"
#include "kernels/cuda/buffers.hpp"
#include "kernels/cuda/library.hpp"
#include "kernels/cuda/profiler_range.hpp"

namespace framebench::kernels::cuda {

namespace {

// One batch in flight: its buffers, its stream and the events that time its stages.
struct Slot {
  Slot(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch)
      : host_in(batch, width, height),
        host_out(batch, width, height),
        device_in(batch, width, height),
        device_out(batch, width, height),
        filter(algorithm, kernel, width, height, batch) {}
  PinnedFrames host_in, host_out;
  DeviceFrames device_in, device_out;
  BatchFilter filter;
  Event start, uploaded, filtered, downloaded;
  int frames = 0;          // copied into host_in so far
  bool in_flight = false;  // sent to the GPU and not yet handed to the sink
  Stream stream;           // last: destroyed first, after waiting for the batch
};

class BatchRing final : public FramePipeline {
 public:
  BatchRing(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch, int slots, Sink sink)
      : batch_(std::max(1, batch)), sink_(std::move(sink)) {
    for (int s = 0; s < std::max(1, slots); ++s) ring_.push_back(std::make_unique<Slot>(algorithm, kernel, width, height, batch_));
  }

  void push(ConstFrameView frame) override {
    const FrameView to = next_frame();
    {
      ScopedTimer t(seconds_.transfer);
      copy_pixels(frame, to);
    }
    commit();
  }

  FrameView next_frame() override {
    Slot& s = current();
    if (s.in_flight) receive(s);  // the batch sent ring_.size() batches ago
    return s.host_in.view(s.frames);
  }

  void commit() override {
    Slot& s = current();
    if (s.in_flight) throw Error("FramePipeline::commit() without next_frame(): that batch is still on the GPU");
    if (++s.frames == batch_) send(s);
  }

  void finish() override {
    if (Slot& s = current(); s.frames > 0 && !s.in_flight) send(s);
    // Oldest first: after the last batch sent, the current slot holds the oldest one.
    for (std::size_t k = 0; k < ring_.size(); ++k) {
      Slot& s = *ring_[(sent_ + k) % ring_.size()];
      if (s.in_flight) receive(s);
    }
  }

  PipelineSeconds seconds() const override { return seconds_; }

 private:
  Slot& current() { return *ring_[sent_ % ring_.size()]; }

  void send(Slot& s) {
    s.start.record(s.stream);
    {
      const ProfilerRange range("upload");
      upload(s.host_in, s.device_in, s.frames, s.stream);
    }
    s.uploaded.record(s.stream);
    {
      const ProfilerRange range("kernel");
      s.filter.run(s.device_in, s.device_out, s.frames, s.stream);
    }
    s.filtered.record(s.stream);
    {
      const ProfilerRange range("download");
      download(s.device_out, s.host_out, s.frames, s.stream);
    }
    s.downloaded.record(s.stream);
    s.in_flight = true;
    ++sent_;
  }

  // Waits for a slot's batch, books its GPU stage times and hands its frames to the sink.
  void receive(Slot& s) {
    s.downloaded.synchronize();
    seconds_.upload += Event::seconds_between(s.start, s.uploaded);
    seconds_.kernel += Event::seconds_between(s.uploaded, s.filtered);
    seconds_.download += Event::seconds_between(s.filtered, s.downloaded);
    for (int i = 0; i < s.frames; ++i) sink_(s.host_out.view(i));
    s.frames = 0;
    s.in_flight = false;
  }

  int batch_;
  Sink sink_;
  std::vector<std::unique_ptr<Slot>> ring_;
  std::size_t sent_ = 0;  // batches sent so far
  PipelineSeconds seconds_;
};

}  // namespace

std::unique_ptr<FramePipeline> make_batch_ring(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch,
                                               int slots, FramePipeline::Sink sink) {
  return std::make_unique<BatchRing>(algorithm, kernel, width, height, batch, slots, std::move(sink));
}

}  // namespace framebench::kernels::cuda
