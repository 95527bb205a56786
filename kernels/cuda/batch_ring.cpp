// FramePipeline on the GPU: a ring of slots, each a batch of pinned host frames, device frames,
// a prepared kernel and a stream. A slot is reused only once its previous batch is back (and,
// with the sink on a thread of its own, handed to the sink: core/batch_handoff.hpp).
#include <algorithm>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "core/batch_handoff.hpp"
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
  Event start, uploaded, filtered;
  Event downloaded{Event::Wait::block};  // waited on for every batch: a spinning wait took a core from the CPU stages
  int frames = 0;          // copied into host_in so far
  bool in_flight = false;  // sent to the GPU and not yet back for the producer to refill (producer's state)
  Stream stream;           // last: destroyed first, after waiting for the batch

  // Its batch is back and taken: ready to be filled again.
  void empty() {
    frames = 0;
    in_flight = false;
  }
};

class BatchRing final : public FramePipeline {
 public:
  BatchRing(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch, int slots, Sink sink,
            SinkThread sink_thread)
      : batch_(std::max(1, batch)), sink_(std::move(sink)) {
    for (int s = 0; s < std::max(1, slots); ++s) ring_.push_back(std::make_unique<Slot>(algorithm, kernel, width, height, batch_));
    if (sink_thread == SinkThread::own) start_sink_thread();
  }

  ~BatchRing() override {
    if (sink_thread_.joinable()) {  // unwinding before finish(): the sink stops after its batch
      handoff_->abandon();
      sink_thread_.join();
    }
  }

  void push(ConstFrameView frame) override {
    throw_if_failed();
    const FrameView to = next_frame();
    {
      ScopedTimer t(seconds_.transfer);
      copy_pixels(frame, to);
    }
    commit();
  }

  FrameView next_frame() override {
    throw_if_failed();
    Slot& s = current();
    if (s.in_flight) {  // the batch sent ring_.size() batches ago
      if (handoff_) handoff_->wait_for_slot(sent_);  // the sink's thread received it
      else receive_here(s);
      s.empty();
    }
    return s.host_in.view(s.frames);
  }

  void commit() override {
    throw_if_failed();
    Slot& s = current();
    if (s.in_flight) throw Error("FramePipeline::commit() without next_frame(): that batch is still on the GPU");
    if (++s.frames == batch_) send(s);
  }

  void finish() override {
    if (failed_) std::rethrow_exception(failed_);
    if (const auto error = handoff_ && !sink_thread_.joinable() ? handoff_->error() : nullptr)  // again after a failure
      std::rethrow_exception(error);
    if (Slot& s = current(); s.frames > 0 && !s.in_flight) send(s);
    if (handoff_) {
      handoff_->close();
      sink_thread_.join();
      if (const auto error = handoff_->error()) std::rethrow_exception(error);
    } else {
      // Oldest first: after the last batch sent, the current slot holds the oldest one.
      for (std::size_t k = 0; k < ring_.size(); ++k)
        if (Slot& s = *ring_[(sent_ + k) % ring_.size()]; s.in_flight) receive_here(s);
    }
    // Every batch is back: the ring starts afresh (with a new sink thread where it has one), so
    // the pipeline takes frames after finish() whichever thread the sink is on.
    for (auto& slot : ring_) slot->empty();
    sent_ = 0;
    if (handoff_) start_sink_thread();
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
    if (handoff_) handoff_->publish();
  }

  // Waits for a slot's batch, books its GPU stage times and hands its frames to the sink. With
  // the sink on its own thread, the producer touches the slot again only after wait_for_slot().
  void receive(Slot& s) {
    s.downloaded.synchronize();
    seconds_.upload += Event::seconds_between(s.start, s.uploaded);
    seconds_.kernel += Event::seconds_between(s.uploaded, s.filtered);
    seconds_.download += Event::seconds_between(s.filtered, s.downloaded);
    for (int i = 0; i < s.frames; ++i) sink_(s.host_out.view(i));
  }

  // A sink that failed fails every later call: its batch is still marked in flight, and delivering
  // it again (what a later finish() did) would hand the sink frames it had already been given.
  // With the sink on its own thread, it also stops the producer at once, not only once it waits
  // for a slot.
  void throw_if_failed() const {
    if (failed_) std::rethrow_exception(failed_);
    if (const auto error = handoff_ ? handoff_->error() : nullptr) std::rethrow_exception(error);
  }

  // receive() with the sink on the caller's thread.
  void receive_here(Slot& s) {
    try {
      receive(s);
    } catch (...) {
      failed_ = std::current_exception();
      throw;
    }
  }

  void start_sink_thread() {
    handoff_.emplace(ring_.size());
    sink_thread_ = std::thread([this] { take_batches(); });
  }

  // The sink's own thread: every batch in the order sent, until finish() or abandon().
  void take_batches() {
    try {
      while (const auto batch = handoff_->take()) {
        receive(*ring_[*batch % ring_.size()]);
        handoff_->give_back();
      }
    } catch (...) {
      handoff_->fail(std::current_exception());
    }
  }

  int batch_;
  Sink sink_;
  std::vector<std::unique_ptr<Slot>> ring_;
  std::size_t sent_ = 0;  // batches sent so far
  PipelineSeconds seconds_;  // transfer booked by the producer, the rest by whichever thread receives
  std::exception_ptr failed_;  // with the sink on the caller's thread: its failure
  std::optional<BatchHandoff> handoff_;  // with SinkThread::own
  std::thread sink_thread_;              // last: started once everything it uses exists
};

}  // namespace

std::unique_ptr<FramePipeline> make_batch_ring(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch,
                                               int slots, FramePipeline::Sink sink, SinkThread sink_thread) {
  return std::make_unique<BatchRing>(algorithm, kernel, width, height, batch, slots, std::move(sink), sink_thread);
}

}  // namespace framebench::kernels::cuda
