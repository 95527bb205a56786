// tbb-chunks: one process; the input cut into chunks at keyframes, each chunk a oneTBB pipeline
// of its own (serial decode -> parallel filter -> serial encode, with one decoder thread and one
// encoder thread), `workers` chunks at once in one task arena of `workers` threads. A thread whose
// chunk is done starts the next or, when none is left, works on the stages of the chunks still
// running, so chunks of uneven work balance out without cuts between keyframes (no pre-roll to
// decode twice) and no one serial stage bounds the run, as one pipeline's encoder does.
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "media/output_encoding.hpp"
#include "media/packet_stream.hpp"
#include "media/video_reader.hpp"
#include "strategies/factories.hpp"
#include "strategies/frame_slot.hpp"
#include "strategies/segments/boundary.hpp"
#include "strategies/segments/in_order_muxer.hpp"
#include "strategies/slot_filter.hpp"
#include "strategies/slot_pool.hpp"

namespace framebench::strategies {

namespace {

// Chunks at keyframes: a chunk of more work than the others is finished by every thread at once.
// Exact cuts only where asked for (--split exact), or where the keyframes are too few to give
// every one of `threads` threads a chunk. No more chunks run at once than there are threads.
SegmentPlan plan_chunks(const Job& job, int threads) {
  SegmentPlan plan;
  if (job.options.split == "auto") plan = plan_job_segments(job, "keyframe");
  if (static_cast<std::int64_t>(plan.segments.size()) < std::min<std::int64_t>(threads, job.input_info.frame_count))
    plan = plan_job_segments(job);
  plan.parallel = std::min(plan.parallel, threads);
  return plan;
}

// One frame in flight and its index in the input.
struct Token {
  FrameSlot* slot = nullptr;
  std::int64_t frame = 0;
};

// Everything the chunks share: the muxer (behind a lock), each thread's filter, the stage times.
class Chunks {
 public:
  Chunks(const Job& job, const SegmentPlan& plan, int threads)
      : job_(job),
        plan_(plan),
        input_info_(std::make_shared<const media::VideoInfo>(job.input_info)),
        path_(slot_path(job.pixels)),
        encoder_(media::encoder_for_path(job.encoder, job.pixels, job.input_info)),
        muxer_(job, plan.segments),
        boundaries_(plan.segments.size()),
        filters_([&kernel = job.kernel, path = path_] { return SlotFilter(kernel, path); }),
        // Enough frames in flight for a chunk's share of the threads to filter while its decode
        // and encode stages each hold one: the threads of a finished chunk help with the filter.
        tokens_(2 + static_cast<std::size_t>((threads + plan.parallel - 1) / plan.parallel)) {}

  // Runs every chunk, at most plan.parallel at once, and checks that they join up.
  void run(tbb::task_arena& arena) {
    arena.execute([&] {
      start_ready();
      try {
        group_.wait();
      } catch (...) {
        // The chunk that failed first, not one that stopped because of it.
        if (first_error_) std::rethrow_exception(first_error_);
        throw;
      }
    });
    check_boundaries(plan_.segments, boundaries_, job_.input_info.frame_count, job_.input.string());
  }

  void finish() { muxer_.finish(); }
  std::int64_t frames_written() const { return muxer_.frames_written(); }
  std::int64_t frames_discarded() const { return discarded_; }
  StageSeconds stages() {
    return make_stage_seconds({{Stage::decode, decode_},
                               {Stage::filter, filter_seconds_.combine(std::plus<>())},
                               {Stage::encode, encode_},
                               {Stage::merge, muxer_.merge_seconds()}});
  }

 private:
  // Adds runners while fewer than plan.parallel are at work and a chunk is there to start.
  void start_ready() {
    const std::lock_guard lock(dispatch_);
    while (runners_ < plan_.parallel && may_start()) {
      ++runners_;
      group_.run([this] { run_chunks(); });
    }
  }

  // The next chunk, if there is one and it is few enough chunks ahead of the one being muxed that
  // the packets held for later chunks stay bounded. Under dispatch_.
  bool may_start() { return next_ < plan_.segments.size() && next_ < due() + chunks_ahead(plan_.parallel); }

  // A runner takes the next chunk when it starts, not when it is spawned: the chunks begun are
  // always the first ones, so the due chunk is always running on a thread (and, never waiting for
  // room, always gets on), whatever order oneTBB runs runners in.
  void run_chunks() {
    for (;;) {
      std::size_t chunk = 0;
      {
        const std::lock_guard lock(dispatch_);
        if (!may_start()) {
          --runners_;
          return;
        }
        chunk = next_++;
      }
      try {
        // Isolated, so that a thread waiting inside this chunk's pipeline never starts another
        // chunk on top of it (which would hold this one until that one ends).
        tbb::this_task_arena::isolate([&] { run_chunk(plan_.segments[chunk]); });
      } catch (...) {
        {
          const std::lock_guard failing(mux_);
          if (!failed_) first_error_ = std::current_exception();
          failed_ = true;
        }
        room_.notify_all();  // a chunk waiting for this one to be muxed waits no more
        throw;
      }
      start_ready();  // a runner that stopped at the look-ahead may go on now
    }
  }

  std::size_t due() {
    const std::lock_guard lock(mux_);
    return muxer_.due();
  }

  void run_chunk(const Segment& seg) {
    const auto& info = *input_info_;
    double decode = 0, encode = 0;
    std::optional<media::VideoReader> reader;
    {
      ScopedTimer t(decode);
      reader.emplace(input_info_, media::ReaderOptions{.threads = 1, .pixels = job_.pixels});
      if (seg.first > 0) reader->seek(seg.first);
    }
    // A chunk that is not due waits here while its packets would hold too much memory; the due
    // chunk never waits, so one thread at least always makes progress. (A thread that took this
    // stage over from the chunk's own waits with it: only past the limit, where lossless chunks go.)
    // Muxing is booked to merge by the muxer; waiting for the lock or for room is no stage's work.
    double sent = 0;
    const media::PacketSink send = [&](std::string_view packet) {
      ScopedTimer t(sent);
      std::unique_lock lock(mux_);
      muxer_.take(seg, RecordType::packet, std::string(packet));
      const auto room = [&] { return failed_ || muxer_.due() == static_cast<std::size_t>(seg.index) || muxer_.buffered_bytes() < kMaxBufferedBytes; };
      while (!room_.wait_for(lock, std::chrono::milliseconds(100), room)) throw_if_stopped();
      if (failed_) throw Error("another chunk failed");  // the run's error is that chunk's
    };
    std::optional<media::PacketEncoder> encoder;
    {
      ScopedTimer t(encode);
      media::WriterOptions options{.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = 1,
                                   .first_frame_index = seg.first, .times = media::FrameTimes::of(info),
                                   .presentation = media::output_presentation(info, job_.pixels, encoder_)};
      encoder.emplace(encoder_, options, job_.output);
    }
    {
      const std::lock_guard lock(mux_);
      muxer_.take(seg, RecordType::stream_header, std::string(encoder->stream_header()));
    }
    BoundaryFrames& boundary = boundaries_[static_cast<std::size_t>(seg.index)];
    boundary.head.assign(static_cast<std::size_t>(head_frames(seg)), 0);
    SlotPool pool(tokens_);
    std::int64_t next = seg.first;
    const auto read = [&](tbb::flow_control& fc) -> Token {
      throw_if_stopped();  // Ctrl-C or the time limit: parallel_pipeline cancels and rethrows
      if (next > seg.last()) {
        fc.stop();
        return {};
      }
      FrameSlot* slot = pool.take();
      ScopedTimer t(decode);
      if (!slot->read(*reader, *encoder, path_))
        throw Error(fmt::format("{}: the input ended at frame {}, inside chunk {}-{}", info.path.string(), next, seg.first, seg.last()));
      return {slot, next++};
    };
    const auto filter = [&](Token token) {
      ScopedTimer t(filter_seconds_.local());
      SlotFilter& f = filters_.local();
      f.apply(*token.slot);
      // The boundary hashes are of the frames the filter read: on bgr24_bands, converted inside it.
      if (const auto at = token.frame - seg.first; at < head_frames(seg))
        boundary.head[static_cast<std::size_t>(at)] = hash_pixels(f.input_planes(*token.slot));
      return token;
    };
    const auto write = [&](Token token) {
      {
        ScopedTimer t(encode);
        encoder->write(token.slot->native_out, send);  // bgr24_bands and native both fill the encoder's own frame
      }
      pool.give_back(token.slot);
    };
    tbb::parallel_pipeline(pool.tokens(), tbb::make_filter<void, Token>(tbb::filter_mode::serial_in_order, read) &
                                        tbb::make_filter<Token, Token>(tbb::filter_mode::parallel, filter) &
                                        tbb::make_filter<Token, void>(tbb::filter_mode::serial_in_order, write));
    {
      // Cancelled because another chunk failed: the pipeline stopped short, without an error.
      const std::lock_guard lock(mux_);
      if (failed_) throw Error("another chunk failed");
    }
    {
      ScopedTimer t(decode);
      FrameSlot* slot = pool.take();
      read_tail(*reader, *slot, path_, seg, info.frame_count, boundary);
      pool.give_back(slot);
    }
    {
      ScopedTimer t(encode);
      encoder->finish(send);
    }
    encode -= sent;
    {
      const std::lock_guard lock(mux_);
      muxer_.done(seg);
      decode_ += decode;
      encode_ += encode;
      discarded_ += reader->frames_discarded();
    }
    room_.notify_all();
  }

  const Job& job_;
  const SegmentPlan& plan_;
  // One copy of the input's per-frame tables for every chunk's reader, not one per reader.
  std::shared_ptr<const media::VideoInfo> input_info_;
  SlotPath path_;
  media::EncoderSpec encoder_;
  std::mutex mux_;  // the muxer, failed_ and the totals below
  std::condition_variable room_;  // the due chunk has changed, or a chunk failed
  bool failed_ = false;
  std::exception_ptr first_error_;
  InOrderMuxer muxer_;
  double decode_ = 0, encode_ = 0;
  std::int64_t discarded_ = 0;
  std::vector<BoundaryFrames> boundaries_;
  tbb::enumerable_thread_specific<SlotFilter> filters_;
  tbb::enumerable_thread_specific<double> filter_seconds_{0.0};
  std::size_t tokens_;
  std::mutex dispatch_;  // what start_ready reads and writes
  std::size_t next_ = 0;  // the next chunk to start
  int runners_ = 0;
  tbb::task_group group_;
};

class TbbChunks final : public Strategy {
 public:
  TbbChunks()
      : Strategy("tbb-chunks",
                 "one process: chunks at keyframes, each a oneTBB pipeline (serial decode -> parallel filter -> serial encode), `workers` at once on `workers` threads that help each other") {}
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }
  bool restarts_decoder_mid_stream() const override { return true; }

  RunReport run(const Job& job) const override {
    const int threads = CoreBudget(job.workers).runnable_threads();
    const SegmentPlan plan = plan_chunks(job, threads);
    tbb::task_arena arena(threads);
    Chunks chunks(job, plan, threads);
    chunks.run(arena);
    chunks.finish();
    RunReport report;
    record_plan(plan, report);
    report.frames = chunks.frames_written();
    report.frames_discarded = chunks.frames_discarded();
    report.stages = chunks.stages();
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_tbb_chunks() { return std::make_unique<TbbChunks>(); }

}  // namespace framebench::strategies
