#include "strategies/segments/rank_dispatcher.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/file_sample.hpp"
#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "media/packet_copy.hpp"
#include "strategies/segments/chunk_packets.hpp"
#include "strategies/segments/protocol.hpp"
#include "strategies/segments/rank_protocol.hpp"
#include "strategies/segments/worker_process.hpp"

namespace framebench::strategies {

namespace {

using Clock = std::chrono::steady_clock;

struct RankSlot {
  std::optional<std::size_t> chunk;  // in flight
  Clock::time_point deadline;
  std::ofstream part;
  bool part_ended = false;
  StageSeconds stages;
  int chunks = 0;
  std::int64_t frames = 0;
};

class RankDispatcher {
 public:
  static constexpr std::chrono::milliseconds kSignalGrace{400};

  RankDispatcher(mpi::World& world, const Job& job, std::vector<WorkerJob> chunks)
      : world_(world), job_(job), chunks_(std::move(chunks)), slots_(static_cast<std::size_t>(world.size())),
        statuses_(chunks_.size()), input_bytes_(chunks_.size()), timeout_(std::chrono::seconds(job.options.rank_timeout_s)) {
    std::map<std::string, int> ranks_on_host;
    for (int r = 0; r < world_.size(); ++r) ++ranks_on_host[world_.host(r)];
    // `workers` is per host: ranks sharing a host share its cores.
    for (int r = 0; r < world_.size(); ++r)
      threads_.push_back(std::max(1, CoreBudget(job.workers).cores() / ranks_on_host[world_.host(r)]));
    if (job.options.mpi_input == "shared") input_sample_ = sample_file(job.input);
  }

  RunReport run() {
    try {
      while (done_ < chunks_.size()) {
        throw_if_interrupted();
        hand_out();
        if (!collect_local() && !collect_message()) check_deadlines(), nap();
      }
    } catch (const Error&) {
      drain();
      throw_if_interrupted();  // the failure a signal caused (rank 0's own chunk stopping) is the signal
      throw;
    }
    return report();
  }

 private:
  bool idle(int rank) const { return !slots_[static_cast<std::size_t>(rank)].chunk; }

  WorkerJob chunk_for(int rank, std::size_t chunk) const {
    WorkerJob w = chunks_[chunk];
    w.threads = threads_[static_cast<std::size_t>(rank)];
    return w;
  }

  void hand_out() {
    for (int r = 0; r < world_.size() && next_ < chunks_.size(); ++r) {
      if (!idle(r)) continue;
      const std::size_t c = next_++;
      RankSlot& slot = slots_[static_cast<std::size_t>(r)];
      slot.chunk = c;
      slot.deadline = Clock::now() + timeout_;
      if (r == 0) {
        local_ = std::async(std::launch::async, [w = chunk_for(0, c)] { return run_worker_job(w, -1); });
        continue;
      }
      try {
        ScopedTimer t(transfer_);
        ChunkOrder order{job_.options.mpi_input == "send", 0, chunk_for(r, c)};
        if (!order.sent_input && input_sample_) {  // one it cannot read is no check (0), not a failure of its own
          order.input_bytes = input_sample_->bytes;
          order.input_sample = input_sample_->hash;
        }
        if (order.sent_input) order.clip_first = send_chunk_input(r, c);
        slot.part.open(chunks_[c].output, std::ios::binary | std::ios::trunc);
        slot.part_ended = false;
        if (!slot.part) throw Error(fmt::format("{}: cannot write", chunks_[c].output.string()));
        if (!world_.send(r, mpi::Tag::job, to_message(order), timeout_)) throw silent(r);
      } catch (...) {
        // The job did not go out whole, so no report of it is waited for (found 6 December 2026 by
        // a scale-out sweep: a full disk here was followed by the whole --rank-timeout); a send the
        // rank never took has the World abort the job on exit. After a signal the chunk stays, so
        // that drain() ends the job if the rank does not stop in time (it may hang: a send to it is
        // what the signal cut short).
        if (!interrupt_signal()) slot.chunk.reset();
        throw;
      }
    }
  }

  // Sends rank `r` a copy of the input packets chunk `c` decodes (cut beside the chunk's part
  // file, removed once sent, so rank 0 holds one at a time); returns the input frame it starts at.
  std::int64_t send_chunk_input(int r, std::size_t c) {
    const PacketRange range = chunk_packets(job_.input_info, chunks_[c].segment);
    std::filesystem::path clip = chunks_[c].output;
    clip.replace_extension(".input.mkv");
    const std::uintmax_t bytes = media::copy_packets(job_.input_info, range.first, range.end, clip);
    if (!world_.send(r, mpi::Tag::input, clip.filename().string(), timeout_)) throw silent(r);
    send_file(world_, r, mpi::Tag::input, clip, timeout_);
    std::filesystem::remove(clip);
    input_bytes_[c] = static_cast<double>(bytes);
    return range.first;
  }

  bool collect_local() {
    if (!local_.valid() || local_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
    finish(0, local_.get());
    return true;
  }

  bool collect_message() {
    std::optional<mpi::Message> m;
    {
      ScopedTimer t(transfer_);
      m = world_.poll(timeout_);  // the rest of a part comes within the rank's timeout, or it is named
    }
    if (!m) return false;
    RankSlot& slot = slots_.at(static_cast<std::size_t>(m->source));
    if (!slot.chunk) throw Error(fmt::format("{} sent a message with no chunk in flight", world_.describe(m->source)));
    slot.deadline = Clock::now() + timeout_;  // a rank that sends is alive
    if (m->tag == mpi::Tag::part) {
      ScopedTimer t(transfer_);
      if (m->bytes.empty()) slot.part_ended = true;
      // This host's own disk, named as such: unchecked, a full one was blamed on the sending rank
      // once its status came, after a whole --rank-timeout (found 6 December 2026 by a scale-out sweep).
      if (!slot.part.write(m->bytes.data(), static_cast<std::streamsize>(m->bytes.size())))
        throw Error(fmt::format("{}: cannot write the part of chunk {} that {} sends ({})", chunks_[*slot.chunk].output.string(),
                                *slot.chunk + 1, world_.describe(m->source), std::strerror(errno)));
    } else if (m->tag == mpi::Tag::status) {
      slot.part.close();
      const std::size_t c = *slot.chunk;
      WorkerStatus status = worker_status_from_json(m->bytes);
      if (status.error.empty() && (!slot.part_ended || !slot.part)) {
        slot.chunk.reset();  // its status is in: nothing more of it to wait for
        throw Error(fmt::format("{}: the part of chunk {} did not arrive whole", world_.describe(m->source), c + 1));
      }
      finish(m->source, std::move(status));
    } else {
      throw Error(fmt::format("{} sent a message of tag {}", world_.describe(m->source), static_cast<int>(m->tag)));
    }
    return true;
  }

  void finish(int rank, WorkerStatus status) {
    RankSlot& slot = slots_[static_cast<std::size_t>(rank)];
    const std::size_t c = *slot.chunk;
    slot.chunk.reset();
    ++done_;
    const Segment& s = chunks_[c].segment;
    const std::string who = fmt::format("{} (chunk {} of {}, frames {}-{} of {})", world_.describe(rank), c + 1, chunks_.size(), s.first,
                                        s.last(), job_.input.string());
    // Another rank's input or environment: named, since it may differ from this host's (a path
    // missing there only, found 6 December 2026 by a scale-out sweep).
    if (status.bad_input) throw InputError(rank == 0 ? status.error : fmt::format("{}: {}", world_.describe(rank), status.error));
    if (!status.error.empty()) throw Error(fmt::format("{} failed: {}", who, status.error));
    if (status.frames != s.count) throw Error(fmt::format("{} did {} frames of its {}", who, status.frames, s.count));
    for (const auto& [stage, seconds] : status.stages) slot.stages[stage] += seconds;
    ++slot.chunks;
    slot.frames += status.frames;
    statuses_[c] = std::move(status);
  }

  void check_deadlines() const {
    const auto now = Clock::now();
    for (int r = 1; r < world_.size(); ++r)
      if (!idle(r) && now > slots_[static_cast<std::size_t>(r)].deadline) throw silent(r);
  }

  Error silent(int rank) const {
    const auto& slot = slots_[static_cast<std::size_t>(rank)];
    const Segment& s = chunks_[slot.chunk.value_or(0)].segment;
    return Error(fmt::format("{} was silent for {} s on chunk {} of {} (frames {}-{} of {}): it died or hangs", world_.describe(rank),
                             job_.options.rank_timeout_s, s.index + 1, chunks_.size(), s.first, s.last(), job_.input.string()));
  }

  static void nap() { std::this_thread::sleep_for(std::chrono::microseconds(500)); }

  // After a failure: lets the chunks in flight end so that their parts cannot land in the next
  // run; a rank that does not answer in time leaves the job unusable, so it ends with the process.
  // After Ctrl-C or SIGTERM the other ranks get kSignalGrace to report their chunks stopped; one
  // that has not (it hangs) gets the job aborted on exit. Waiting longer would outlast the
  // launcher, which kills a rank a second after the signal (Open MPI's odls_base_sigkill_timeout)
  // and so would leave this rank's scratch behind; and a hung rank would hold MPI_Finalize.
  void drain() {
    next_ = chunks_.size();
    std::optional<Clock::time_point> grace_end;
    try {
      while (std::any_of(slots_.begin(), slots_.end(), [](const RankSlot& s) { return s.chunk.has_value(); })) {
        if (local_.valid()) {
          local_.wait();
          slots_[0].chunk.reset();
          local_ = {};
        }
        if (const int signal = interrupt_signal()) {
          if (!grace_end) grace_end = Clock::now() + kSignalGrace;
          if (Clock::now() > *grace_end) {
            world_.abort_on_exit(128 + signal);
            return;
          }
        }
        if (auto m = world_.poll(timeout_)) {
          auto& slot = slots_.at(static_cast<std::size_t>(m->source));
          slot.deadline = Clock::now() + timeout_;
          if (m->tag == mpi::Tag::status) slot.chunk.reset();
        } else {
          check_deadlines();
          nap();
        }
      }
    } catch (const Error&) {
      world_.abort_on_exit(1);
    }
  }

  RunReport report() {
    RunReport report;
    std::vector<BoundaryFrames> boundaries;
    std::vector<Segment> segments;
    for (std::size_t c = 0; c < chunks_.size(); ++c) {
      const WorkerStatus& s = *statuses_[c];
      for (const auto& [stage, seconds] : s.stages) report.stages[stage] += seconds;
      report.frames += s.frames;
      report.frames_discarded += s.frames_discarded;
      boundaries.push_back(s.boundary);
      segments.push_back(chunks_[c].segment);
    }
    check_boundaries(segments, boundaries, job_.input_info.frame_count, job_.input.string());
    seconds_of(report.stages, Stage::transfer) += transfer_;
    std::vector<std::string> hosts;
    for (int r = 0; r < world_.size(); ++r) {
      const RankSlot& slot = slots_[static_cast<std::size_t>(r)];
      report.counters[fmt::format("rank{}_chunks", r)] = slot.chunks;
      report.counters[fmt::format("rank{}_frames", r)] = static_cast<double>(slot.frames);
      for (const auto& [stage, seconds] : slot.stages) report.counters[fmt::format("rank{}_{}_s", r, stage)] = seconds;
      hosts.push_back(fmt::format("rank {}: {}", r, world_.host(r)));
    }
    record_input_sent(report);
    report.counters["ranks"] = world_.size();
    report.label = fmt::format("{}", fmt::join(hosts, ", "));
    return report;
  }

  // What the scale model needs of the sending: bytes per chunk sent, their sum and the frames they were for.
  void record_input_sent(RunReport& report) const {
    double bytes = 0, frames = 0;
    for (std::size_t c = 0; c < chunks_.size(); ++c) {
      if (!input_bytes_[c]) continue;
      report.counters[fmt::format("chunk{}_input_bytes", c)] = *input_bytes_[c];
      bytes += *input_bytes_[c];
      frames += static_cast<double>(chunks_[c].segment.count);
    }
    report.counters["input_bytes"] = bytes;
    report.counters["input_frames"] = frames;
  }

  mpi::World& world_;
  const Job& job_;
  const std::vector<WorkerJob> chunks_;
  std::vector<RankSlot> slots_;
  std::vector<std::optional<WorkerStatus>> statuses_;
  std::vector<std::optional<double>> input_bytes_;  // by chunk: what was sent its rank, if anything
  std::optional<FileSample> input_sample_;           // of a shared input, where this rank reads it
  std::vector<int> threads_;
  const std::chrono::milliseconds timeout_;
  std::future<WorkerStatus> local_;
  std::size_t next_ = 0;
  std::size_t done_ = 0;
  double transfer_ = 0;
};

}  // namespace

RunReport dispatch_chunks(mpi::World& world, const Job& job, std::vector<WorkerJob> chunks) {
  return RankDispatcher(world, job, std::move(chunks)).run();
}

}  // namespace framebench::strategies
