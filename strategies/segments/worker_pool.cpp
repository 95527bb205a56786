#include "strategies/segments/worker_pool.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/subprocess.hpp"
#include "media/ffmpeg_cli.hpp"
#include "strategies/child_usage.hpp"
#include "strategies/opencv_videoio.hpp"

namespace framebench::strategies {

namespace {

constexpr const char* kSegmentWorker = "framebench-worker";

// The worker process for jobs of `kind`: framebench-worker, or opencv-videoio's own executable,
// each beside this one.
std::vector<std::string> worker_command(WorkerJob::Kind kind) {
  if (kind == WorkerJob::Kind::opencv_videoio) return {opencv_videoio_worker().string()};
  if (auto why = segment_worker_unavailable_reason(); !why.empty()) throw Error(why);
  return {sibling_executable(kSegmentWorker).string()};
}

// One worker process and the job it is doing, if any.
struct Running {
  int number = 0;  // 1-based, for messages
  std::unique_ptr<Subprocess> process;
  RecordReader reader;
  std::optional<std::size_t> chunk;  // the chunk it is doing; none between chunks
  bool has_job = false;              // it has been sent the whole job once
};

class WorkerPool {
 public:
  WorkerPool(const ChunkJobs& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks)
      : jobs_(jobs),
        parallel_(std::min(static_cast<std::size_t>(std::max(1, parallel)), jobs.size())),
        pipe_bytes_(pipe_bytes),
        hooks_(hooks) {}

  RunReport run() {
    media::ignore_broken_pipes();
    // Every worker starts loading before any is handed a job, which may fill its stdin pipe.
    for (std::size_t i = 0; i < parallel_; ++i) start(static_cast<int>(i + 1));
    hand_out();
    while (!running_.empty()) read_some();
    seconds_of(report_.stages, Stage::transfer) += parent_read_;
    check_segment_boundaries();
    return report_;
  }

 private:
  void start(int number) {
    SpawnOptions options;
    options.pipe_stdin = true;
    options.pipe_stdout = true;
    options.pipe_size = pipe_bytes_;
    auto r = std::make_unique<Running>();
    r->number = number;
    r->process = std::make_unique<Subprocess>(command_, options);
    running_.push_back(std::move(r));
  }

  // Gives each idle worker the next job the window allows, or, when none are left, its end.
  void hand_out() {
    for (auto& r : running_) {
      if (r->chunk || r->process->stdin_fd() < 0) continue;
      if (next_ == jobs_.size()) {
        r->process->close_stdin();
        continue;
      }
      if (hooks_.max_ahead && next_ >= oldest_unfinished_ + hooks_.max_ahead) continue;
      const std::size_t chunk = next_++;
      r->chunk = chunk;
      try {
        if (r->has_job) write_record(r->process->stdin_fd(), RecordType::chunk, chunk_to_json(jobs_.chunks[chunk], jobs_.outputs[chunk]));
        else write_record(r->process->stdin_fd(), RecordType::job, to_json(jobs_.job(chunk)));
        r->has_job = true;
      } catch (const Error&) {
        // The worker has died; its exit status tells why, when its output ends.
      }
    }
  }

  // Waits until some worker the hooks let us read has output or has ended, and takes it.
  void read_some() {
    std::vector<pollfd> fds;
    std::vector<Running*> who;
    for (auto& r : running_) {
      if (r->chunk && hooks_.may_read && !hooks_.may_read(jobs_.chunks[*r->chunk])) continue;
      fds.push_back({r->process->stdout_fd(), POLLIN, 0});
      who.push_back(r.get());
    }
    if (fds.empty()) throw Error("segment workers: every worker is held back (a bug in the caller's may_read)");
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) return;
      throw Error(fmt::format("poll: {}", std::strerror(errno)));
    }
    for (std::size_t i = 0; i < fds.size(); ++i)
      if (fds[i].revents) read_from(*who[i]);
  }

  void read_from(Running& r) {
    ssize_t n;
    {
      ScopedTimer t(parent_read_);
      n = ::read(r.process->stdout_fd(), buffer_.data(), buffer_.size());
    }
    if (n < 0) {
      if (errno == EINTR) return;
      throw Error(fmt::format("reading from {}: {}", describe(r), std::strerror(errno)));
    }
    if (n > 0) {
      r.reader.feed(buffer_.data(), static_cast<std::size_t>(n));
      take_records(r);
      return;
    }
    if (!r.reader.empty()) throw Error(fmt::format("{} ended inside a record", describe(r)));
    reap(r);
    running_.erase(std::find_if(running_.begin(), running_.end(), [&](const auto& p) { return p.get() == &r; }));
  }

  void take_records(Running& r) {
    while (auto record = r.reader.next()) {
      if (!r.chunk) throw Error(fmt::format("{} sent output without a job", describe(r)));
      if (record->type == RecordType::status) {
        finish_job(r, worker_status_from_json(record->payload));
        hand_out();
      } else if (record->type == RecordType::job || record->type == RecordType::chunk) {
        throw Error(fmt::format("{} sent a job record", describe(r)));
      } else if (hooks_.on_record) {
        hooks_.on_record(jobs_.chunks[*r.chunk], record->type, std::move(record->payload));
      }
    }
  }

  // Books a job's report; throws if it failed.
  void finish_job(Running& r, WorkerStatus status) {
    const std::string who = describe(r);
    // Bad input found part way is said as the input's, in its own line (exit 2), as in one process.
    if (status.bad_input) throw InputError(status.error);
    if (!status.error.empty()) throw Error(fmt::format("{} failed: {}", who, status.error));
    const Segment& segment = jobs_.chunks[*r.chunk];
    if (status.frames != segment.count) throw Error(fmt::format("{} did {} frames of its {}", who, status.frames, segment.count));
    for (const auto& [stage, seconds] : status.stages) report_.stages[stage] += seconds;
    report_.frames += status.frames;
    report_.frames_discarded += status.frames_discarded;
    const auto index = static_cast<std::size_t>(segment.index);
    boundaries_.at(index) = std::move(status.boundary);
    finished_.at(index) = true;
    while (oldest_unfinished_ < finished_.size() && finished_[oldest_unfinished_]) ++oldest_unfinished_;
    r.chunk.reset();
    if (hooks_.on_done) hooks_.on_done(segment);
  }

  // Reaps a worker whose output has ended; throws if it ended in the middle of a job or badly.
  void reap(Running& r) {
    const ChildUsage usage = wait_for_exit(r.process->pid());
    const ExitStatus exit = r.process->wait();
    const std::string who = describe(r);
    if (exit.signal) throw Error(fmt::format("{} was {}", who, exit.describe()));
    if (r.chunk && !exit.ok()) throw Error(fmt::format("{} ended with {} and no report", who, exit.describe()));
    if (r.chunk) throw Error(fmt::format("{} ended without a report", who));
    if (!exit.ok()) throw Error(fmt::format("{} ended with {}", who, exit.describe()));
    report_.peak_rss_bytes = std::max(report_.peak_rss_bytes, usage.peak_rss_bytes);
  }

  // Segment jobs only: opencv's job is the whole video in one piece.
  void check_segment_boundaries() const {
    if (jobs_.size() == 0 || jobs_.common.kind == WorkerJob::Kind::opencv_videoio) return;
    check_boundaries(jobs_.chunks, boundaries_, jobs_.common.input.frame_count, jobs_.common.input.path.string());
  }

  std::string describe(const Running& r) const {
    const std::string worker = fmt::format("worker {} of {} (pid {})", r.number, parallel_, r.process->pid());
    if (!r.chunk) return worker;
    const Segment& s = jobs_.chunks[*r.chunk];
    return fmt::format("{}, on chunk {} of {} (frames {}-{} of {})", worker, s.index + 1, jobs_.size(), s.first, s.last(),
                       jobs_.common.input.path.string());
  }

  const ChunkJobs& jobs_;
  const std::size_t parallel_;
  const int pipe_bytes_;
  const WorkerHooks& hooks_;
  const std::vector<std::string> command_ = worker_command(jobs_.common.kind);
  std::vector<std::unique_ptr<Running>> running_;  // destroyed on error: kills and reaps what is left
  std::size_t next_ = 0;                           // the next job to hand out
  std::vector<bool> finished_ = std::vector<bool>(jobs_.size(), false);
  std::size_t oldest_unfinished_ = 0;
  std::vector<char> buffer_ = std::vector<char>(1 << 20);
  double parent_read_ = 0;
  RunReport report_;
  std::vector<BoundaryFrames> boundaries_ = std::vector<BoundaryFrames>(jobs_.size());  // by segment index
};

}  // namespace

std::string segment_worker_unavailable_reason() {
  if (!sibling_executable(kSegmentWorker).empty()) return {};
  return fmt::format("its worker executable, {}, is not beside framebench in {}: build it with framebench (scripts/build)", kSegmentWorker,
                     self_executable().parent_path().string());
}

RunReport run_workers(const ChunkJobs& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks) {
  return WorkerPool(jobs, parallel, pipe_bytes, hooks).run();
}

}  // namespace framebench::strategies
