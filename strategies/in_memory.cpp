#include "strategies/in_memory.hpp"

#include <utility>
#include <vector>

#include "core/stopwatch.hpp"
#include "media/packet_stream.hpp"
#include "strategies/segment_jobs.hpp"
#include "strategies/segment_workers.hpp"

namespace framebench::strategies {

namespace {
// Packets of segments that are not yet due wait in memory up to this much; beyond it their
// workers are no longer read and block on their full pipes until the segment before finishes.
constexpr std::size_t kMaxBufferedBytes = std::size_t{256} << 20;
}  // namespace

RunReport InMemory::run(const Job& job) const {
  // Workers encode for the final container (its global-header rule) and stamp their packets with
  // the frame indices of the whole video.
  const auto plan = plan_worker_jobs(job, WorkerJob::Output::packets, [&](const Segment&) { return job.output; });
  const std::size_t n = plan.jobs.size();
  media::PartMuxer muxer(job.output, job.input_info.frame_rate);
  double merge = 0;

  struct Waiting {
    std::vector<std::pair<RecordType, std::string>> records;
    bool done = false;
  };
  std::vector<Waiting> waiting(n);
  std::size_t due = 0;  // the segment being muxed: its packets go straight in
  std::size_t buffered = 0;

  const auto mux = [&](const Segment& s, RecordType type, std::string_view bytes) {
    ScopedTimer t(merge);
    if (type == RecordType::stream_header) muxer.begin_part(bytes, s.first, s.count);
    else muxer.write(bytes);
  };
  WorkerHooks hooks;
  hooks.on_record = [&](const Segment& s, RecordType type, std::string&& bytes) {
    if (static_cast<std::size_t>(s.index) == due) {
      mux(s, type, bytes);
    } else {
      buffered += bytes.size();
      waiting[static_cast<std::size_t>(s.index)].records.emplace_back(type, std::move(bytes));
    }
  };
  hooks.on_done = [&](const Segment& s) {
    waiting[static_cast<std::size_t>(s.index)].done = true;
    while (due < n && waiting[due].done) {
      {
        ScopedTimer t(merge);
        muxer.end_part();
      }
      if (++due == n) break;
      for (auto& [type, bytes] : waiting[due].records) {
        mux(plan.jobs[due].segment, type, bytes);
        buffered -= bytes.size();
      }
      waiting[due].records.clear();
      waiting[due].records.shrink_to_fit();
    }
  };
  hooks.may_read = [&](const Segment& s) { return static_cast<std::size_t>(s.index) == due || buffered < kMaxBufferedBytes; };

  const auto workers = run_workers(plan.jobs, plan.parallel, job.options.pipe_kib * 1024, hooks);
  {
    ScopedTimer t(merge);
    muxer.finish();
  }
  RunReport report;
  report.frames = muxer.frames_written();
  report.frames_discarded = workers.frames_discarded;
  report.stages = workers.stages;
  report.stages["merge"] += merge;
  report.peak_rss_bytes = workers.peak_rss_bytes;
  report.scratch_bytes = 0;  // nothing but the output is written
  return report;
}

}  // namespace framebench::strategies
