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

namespace framebench::strategies {

namespace {

struct Running {
  const WorkerJob* job;
  std::unique_ptr<Subprocess> process;
  RecordReader reader;
  std::optional<WorkerStatus> status;
};

class WorkerPool {
 public:
  WorkerPool(const std::vector<WorkerJob>& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks)
      : jobs_(jobs), parallel_(static_cast<std::size_t>(std::max(1, parallel))), pipe_bytes_(pipe_bytes), hooks_(hooks) {}

  RunReport run() {
    media::ignore_broken_pipes();
    while (next_ < jobs_.size() || !running_.empty()) {
      while (running_.size() < parallel_ && next_ < jobs_.size()) start(jobs_[next_++]);
      read_some();
    }
    seconds_of(report_.stages, Stage::transfer) += parent_read_;
    check_segment_boundaries();
    return report_;
  }

 private:
  void start(const WorkerJob& job) {
    SpawnOptions options;
    options.pipe_stdin = true;
    options.pipe_stdout = true;
    options.pipe_size = pipe_bytes_;
    auto r = std::make_unique<Running>();
    r->job = &job;
    r->process = std::make_unique<Subprocess>(std::vector<std::string>{self_, "worker"}, options);
    try {
      const std::string text = to_json(job);
      write_full(r->process->stdin_fd(), text.data(), text.size());
    } catch (const Error&) {
      // The worker died before reading its job; its exit status tells why, in finish().
    }
    r->process->close_stdin();
    running_.push_back(std::move(r));
  }

  // Waits until some worker the hooks let us read has output or has ended, and takes it.
  void read_some() {
    std::vector<pollfd> fds;
    std::vector<Running*> who;
    for (auto& r : running_) {
      if (hooks_.may_read && !hooks_.may_read(r->job->segment)) continue;
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
    finish(r);
    running_.erase(std::find_if(running_.begin(), running_.end(), [&](const auto& p) { return p.get() == &r; }));
  }

  void take_records(Running& r) {
    while (auto record = r.reader.next()) {
      if (record->type == RecordType::status) {
        r.status = worker_status_from_json(record->payload);
      } else if (r.status) {
        throw Error(fmt::format("{} sent data after its report", describe(r)));
      } else if (hooks_.on_record) {
        hooks_.on_record(r.job->segment, record->type, std::move(record->payload));
      }
    }
  }

  // Reaps a worker whose output has ended, and books its report; throws if it failed.
  void finish(Running& r) {
    const ChildUsage usage = wait_for_exit(r.process->pid());
    const ExitStatus exit = r.process->wait();
    const std::string who = describe(r);
    if (exit.signal) throw Error(fmt::format("{} was {}", who, exit.describe()));
    if (r.status && !r.status->error.empty()) throw Error(fmt::format("{} failed: {}", who, r.status->error));
    if (!exit.ok()) throw Error(fmt::format("{} ended with {} and no report", who, exit.describe()));
    if (!r.status) throw Error(fmt::format("{} ended without a report", who));
    if (r.status->frames != r.job->segment.count)
      throw Error(fmt::format("{} did {} frames of its {}", who, r.status->frames, r.job->segment.count));
    for (const auto& [stage, seconds] : r.status->stages) report_.stages[stage] += seconds;
    report_.frames += r.status->frames;
    report_.frames_discarded += r.status->frames_discarded;
    report_.peak_rss_bytes = std::max(report_.peak_rss_bytes, usage.peak_rss_bytes);
    boundaries_.at(static_cast<std::size_t>(r.job->segment.index)) = std::move(r.status->boundary);
    if (hooks_.on_done) hooks_.on_done(r.job->segment);
  }

  // Segment jobs only: opencv's job is the whole video in one piece.
  void check_segment_boundaries() const {
    if (jobs_.empty() || jobs_.front().kind == WorkerJob::Kind::opencv_videoio) return;
    std::vector<Segment> segments;
    for (const auto& job : jobs_) segments.push_back(job.segment);
    check_boundaries(segments, boundaries_, jobs_.front().input.frame_count, jobs_.front().input.path.string());
  }

  std::string describe(const Running& r) const {
    const Segment& s = r.job->segment;
    return fmt::format("worker {} of {} (pid {}, frames {}-{} of {})", s.index + 1, jobs_.size(), r.process->pid(), s.first, s.last(),
                       r.job->input.path.string());
  }

  const std::vector<WorkerJob>& jobs_;
  const std::size_t parallel_;
  const int pipe_bytes_;
  const WorkerHooks& hooks_;
  const std::string self_ = self_executable().string();
  std::vector<std::unique_ptr<Running>> running_;  // destroyed on error: kills and reaps what is left
  std::size_t next_ = 0;                           // the next job to start
  std::vector<char> buffer_ = std::vector<char>(1 << 20);
  double parent_read_ = 0;
  RunReport report_;
  std::vector<BoundaryFrames> boundaries_ = std::vector<BoundaryFrames>(jobs_.size());  // by segment index
};

}  // namespace

RunReport run_workers(const std::vector<WorkerJob>& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks) {
  return WorkerPool(jobs, parallel, pipe_bytes, hooks).run();
}

}  // namespace framebench::strategies
