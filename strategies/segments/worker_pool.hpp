#pragma once
// The parent side of the worker processes: `parallel` framebench-worker processes (started with
// posix_spawn, never fork; framebench-opencv-videoio for that peer), each handed jobs one at a time on stdin, in order,
// as it frees up, and read on stdout. A worker that fails or is killed fails the whole run with a
// message naming it, its chunk and the signal; the other workers are killed and reaped before
// the error leaves, so no process outlives the run.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "strategies/segments/job.hpp"
#include "strategies/segments/protocol.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

struct WorkerHooks {
  // A stream header or packet record from a worker, as it arrives.
  std::function<void(const Segment&, RecordType, std::string&&)> on_record;
  // A worker has reported its whole chunk done.
  std::function<void(const Segment&)> on_done;
  // Whether to read a worker's output now; not reading holds it back once its pipe is full.
  std::function<bool(const Segment&)> may_read;
  // When non-zero, a job is handed out only while it is fewer than this many jobs after the
  // oldest unfinished one: what a caller holding finished jobs' output in order has to hold.
  std::size_t max_ahead = 0;
};

// Why the segment workers cannot start here (framebench-worker is not beside framebench), or empty.
std::string segment_worker_unavailable_reason();

// What the workers did: frames, frames discarded to reach exact starts, their stage seconds summed
// (transfer includes the parent's reads) and the largest worker's peak memory.
RunReport run_workers(const ChunkJobs& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks = {});

}  // namespace framebench::strategies
