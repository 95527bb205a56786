#pragma once
// The parent side of the segment strategies: one `framebench worker` process per segment
// (re-executing this binary with posix_spawn, never fork), at most `parallel` at a time, each
// given its job on stdin and read on stdout. A worker that fails or is killed fails the whole
// run with a message naming it, its frame range and the signal; the other workers are killed and
// reaped before the error leaves, so no process outlives the run.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "strategies/strategy.hpp"
#include "strategies/worker_protocol.hpp"

namespace framebench::strategies {

struct WorkerHooks {
  // A stream header or packet record from a worker, as it arrives.
  std::function<void(const Segment&, RecordType, std::string&&)> on_record;
  // A worker has exited cleanly having done its whole segment.
  std::function<void(const Segment&)> on_done;
  // Whether to read a worker's output now; not reading holds it back once its pipe is full.
  std::function<bool(const Segment&)> may_read;
};

struct WorkersReport {
  StageSeconds stages;                 // the workers' stage seconds summed; transfer includes the parent's reads
  std::int64_t frames = 0;
  std::int64_t frames_discarded = 0;   // decoded only to reach a segment's first frame
  std::int64_t peak_rss_bytes = 0;     // the largest worker's
};

WorkersReport run_workers(const std::vector<WorkerJob>& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks = {});

// Threads each worker's decoder and encoder may use so that `parallel` workers fill `workers` cores.
int threads_per_worker(int workers, int parallel);

}  // namespace framebench::strategies
