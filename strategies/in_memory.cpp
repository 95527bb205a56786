// in-memory: like multiprocess-segments, but the encoded chunks come back to the parent
// through pipes as packets and are muxed in order as they arrive: only the final output touches
// the disk.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/stopwatch.hpp"
#include "media/packet_stream.hpp"
#include "strategies/factories.hpp"
#include "strategies/segments/job.hpp"
#include "strategies/segments/worker_pool.hpp"

namespace framebench::strategies {

namespace {

// Packets of chunks that are not yet due wait in memory, for at most this many chunks after the
// due one: memory follows the chunk size and the workers, not the input's length.
int chunks_ahead(int parallel) { return 2 * parallel; }
// And at most this much (chunks of a lossless encode can be large); beyond it the workers of later
// chunks are no longer read and block on their full pipes until the due chunk finishes.
constexpr std::size_t kMaxBufferedBytes = std::size_t{256} << 20;

// Muxes the workers' records in segment order: the due segment's go straight in, later ones
// wait in memory until every segment before theirs is done.
class InOrderMuxer {
 public:
  InOrderMuxer(const Job& job, const ChunkJobs& jobs)
      : jobs_(jobs), muxer_(job.output, job.input_info.frame_rate, media::FrameTimes::of(job.input_info)), waiting_(jobs.size()) {}

  WorkerHooks hooks(int parallel) {
    WorkerHooks h;
    h.max_ahead = static_cast<std::size_t>(chunks_ahead(parallel));
    h.on_record = [this](const Segment& s, RecordType type, std::string&& bytes) { take(s, type, std::move(bytes)); };
    h.on_done = [this](const Segment& s) { done(s); };
    h.may_read = [this](const Segment& s) { return index(s) == due_ || buffered_ < kMaxBufferedBytes; };
    return h;
  }

  void finish() {
    ScopedTimer t(merge_);
    muxer_.finish();
  }
  std::int64_t frames_written() const { return muxer_.frames_written(); }
  double merge_seconds() const { return merge_; }

 private:
  struct Waiting {
    std::vector<std::pair<RecordType, std::string>> records;
    bool done = false;
  };

  static std::size_t index(const Segment& s) { return static_cast<std::size_t>(s.index); }

  void take(const Segment& s, RecordType type, std::string&& bytes) {
    if (index(s) == due_) {
      mux(s, type, bytes);
      return;
    }
    buffered_ += bytes.size();
    waiting_[index(s)].records.emplace_back(type, std::move(bytes));
  }

  // Ends every finished segment from the due one on, and muxes what the next one has sent.
  void done(const Segment& s) {
    waiting_[index(s)].done = true;
    while (due_ < waiting_.size() && waiting_[due_].done) {
      {
        ScopedTimer t(merge_);
        muxer_.end_part();
      }
      if (++due_ == waiting_.size()) break;
      for (auto& [type, bytes] : waiting_[due_].records) {
        mux(jobs_.chunks[due_], type, bytes);
        buffered_ -= bytes.size();
      }
      waiting_[due_].records.clear();
      waiting_[due_].records.shrink_to_fit();
    }
  }

  void mux(const Segment& s, RecordType type, std::string_view bytes) {
    ScopedTimer t(merge_);
    if (type == RecordType::stream_header) muxer_.begin_part(bytes, s.first, s.count);
    else muxer_.write(bytes);
  }

  const ChunkJobs& jobs_;
  media::PartMuxer muxer_;
  std::vector<Waiting> waiting_;
  std::size_t due_ = 0;  // the segment being muxed
  std::size_t buffered_ = 0;
  double merge_ = 0;
};

class InMemory final : public Strategy {
 public:
  InMemory()
      : Strategy("in-memory",
                 "N worker processes take chunks in turn and send encoded packets back through pipes; the parent muxes them in order, no part files") {}
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }

  RunReport run(const Job& job) const override {
    // Workers encode for the final container (its global-header rule) and stamp their packets
    // with the frame indices of the whole video.
    const auto plan = plan_job_segments(job);
    const auto jobs = segment_jobs(job, plan, WorkerJob::Kind::segment_to_packets, [&](const Segment&) { return job.output; });
    InOrderMuxer muxer(job, jobs);
    RunReport report = run_workers(jobs, plan.parallel, job.options.pipe_kib * 1024, muxer.hooks(plan.parallel));
    muxer.finish();
    record_plan(plan, report);
    report.frames = muxer.frames_written();
    seconds_of(report.stages, Stage::merge) += muxer.merge_seconds();
    return report;  // scratch_bytes stays 0: nothing but the output is written
  }
};

}  // namespace

std::unique_ptr<Strategy> make_in_memory() { return std::make_unique<InMemory>(); }

}  // namespace framebench::strategies
