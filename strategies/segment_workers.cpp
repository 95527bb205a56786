#include "strategies/segment_workers.hpp"

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

std::string describe(const WorkerJob& job, std::size_t total, pid_t pid) {
  const Segment& s = job.segment;
  return fmt::format("worker {} of {} (pid {}, frames {}-{} of {})", s.index + 1, total, pid, s.first, s.last(), job.input.path.string());
}

}  // namespace

int threads_per_worker(int workers, int parallel) { return std::max(1, workers / std::max(1, parallel)); }

WorkersReport run_workers(const std::vector<WorkerJob>& jobs, int parallel, int pipe_bytes, const WorkerHooks& hooks) {
  media::ignore_broken_pipes();
  WorkersReport report;
  double parent_read = 0;
  const std::string self = self_executable().string();
  std::vector<std::unique_ptr<Running>> running;  // destroyed on error: kills and reaps what is left
  std::size_t next = 0;

  const auto start = [&](const WorkerJob& job) {
    SpawnOptions options;
    options.pipe_stdin = true;
    options.pipe_stdout = true;
    options.pipe_size = pipe_bytes;
    auto r = std::make_unique<Running>();
    r->job = &job;
    r->process = std::make_unique<Subprocess>(std::vector<std::string>{self, "worker"}, options);
    try {
      const std::string text = to_json(job);
      write_full(r->process->stdin_fd(), text.data(), text.size());
    } catch (const Error&) {
      // The worker died before reading its job; its exit status tells why, below.
    }
    r->process->close_stdin();
    running.push_back(std::move(r));
  };

  const auto finish = [&](Running& r) {
    const pid_t pid = r.process->pid();
    const ChildUsage usage = wait_for_exit(pid);
    const ExitStatus exit = r.process->wait();
    const std::string who = describe(*r.job, jobs.size(), pid);
    if (exit.signal) throw Error(fmt::format("{} was {}", who, exit.describe()));
    if (r.status && !r.status->error.empty()) throw Error(fmt::format("{} failed: {}", who, r.status->error));
    if (!exit.ok()) throw Error(fmt::format("{} ended with {} and no report", who, exit.describe()));
    if (!r.status) throw Error(fmt::format("{} ended without a report", who));
    if (r.status->frames != r.job->segment.count)
      throw Error(fmt::format("{} did {} frames of its {}", who, r.status->frames, r.job->segment.count));
    for (const auto& [stage, seconds] : r.status->stages) report.stages[stage] += seconds;
    report.frames += r.status->frames;
    report.frames_discarded += r.status->frames_discarded;
    report.peak_rss_bytes = std::max(report.peak_rss_bytes, usage.peak_rss_bytes);
    if (hooks.on_done) hooks.on_done(r.job->segment);
  };

  const auto drain = [&](Running& r) {
    while (auto record = r.reader.next()) {
      if (record->type == RecordType::status) {
        r.status = worker_status_from_json(record->payload);
      } else if (r.status) {
        throw Error(fmt::format("{} sent data after its report", describe(*r.job, jobs.size(), r.process->pid())));
      } else if (hooks.on_record) {
        hooks.on_record(r.job->segment, record->type, std::move(record->payload));
      }
    }
  };

  std::vector<char> buffer(1 << 20);
  while (next < jobs.size() || !running.empty()) {
    while (running.size() < static_cast<std::size_t>(std::max(1, parallel)) && next < jobs.size()) start(jobs[next++]);
    std::vector<pollfd> fds;
    std::vector<Running*> who;
    for (auto& r : running) {
      if (hooks.may_read && !hooks.may_read(r->job->segment)) continue;
      fds.push_back({r->process->stdout_fd(), POLLIN, 0});
      who.push_back(r.get());
    }
    if (fds.empty()) throw Error("segment workers: every worker is held back (a bug in the caller's may_read)");
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw Error(fmt::format("poll: {}", std::strerror(errno)));
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      Running& r = *who[i];
      ssize_t n;
      {
        ScopedTimer t(parent_read);
        n = ::read(fds[i].fd, buffer.data(), buffer.size());
      }
      if (n < 0) {
        if (errno == EINTR) continue;
        throw Error(fmt::format("reading from {}: {}", describe(*r.job, jobs.size(), r.process->pid()), std::strerror(errno)));
      }
      if (n > 0) {
        r.reader.feed(buffer.data(), static_cast<std::size_t>(n));
        drain(r);
        continue;
      }
      if (!r.reader.empty()) throw Error(fmt::format("{} ended inside a record", describe(*r.job, jobs.size(), r.process->pid())));
      finish(r);
      running.erase(std::find_if(running.begin(), running.end(), [&](const auto& p) { return p.get() == &r; }));
    }
  }
  report.stages["transfer"] += parent_read;
  return report;
}

}  // namespace framebench::strategies
