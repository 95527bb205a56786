#include "strategies/segments/rank_service.hpp"

#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/file_sample.hpp"
#include "core/input_file.hpp"
#include "core/interrupt.hpp"
#include "core/scratch_dir.hpp"
#include "core/stopwatch.hpp"
#include "strategies/segments/protocol.hpp"
#include "strategies/segments/rank_protocol.hpp"
#include "strategies/segments/worker_process.hpp"

namespace framebench::strategies {

namespace {

// Rank 0 not taking a part for this long has gone; the launcher ends this rank soon after.
constexpr std::chrono::minutes kAnswerTimeout{60};

class RankService {
 public:
  explicit RankService(const mpi::World& world) : world_(world) {}

  void serve() {
    while (true) {
      const auto m = world_.receive(std::chrono::seconds(1));
      // After a signal, rank 0's stop still ends the serving, and a chunk it gave is answered (by
      // serve_chunks, which tells rank 0 of the signal: it may be this rank's alone).
      if (m && m->source == 0 && m->tag == mpi::Tag::stop) return;
      if (m && m->source == 0 && m->tag == mpi::Tag::job) chunk_open_ = true;
      throw_if_interrupted();
      if (!m || m->source != 0) continue;  // only rank 0 gives work
      switch (m->tag) {
        case mpi::Tag::stop: return;
        case mpi::Tag::input: take_input_piece(m->bytes); break;
        case mpi::Tag::job: do_chunk(read_order(m->bytes)); break;
        default: throw Error(fmt::format("{}: rank 0 sent a message of tag {}", world_.describe(world_.rank()), static_cast<int>(m->tag)));
      }
    }
  }

  // Rank 0 has given this rank a chunk and had no report of it yet.
  bool chunk_open() const { return chunk_open_; }

 private:
  // The chunk is this rank's from here, answered even when its order cannot be read: an order
  // naming an encoder this host's binary lacks is another build, not the user's input.
  ChunkOrder read_order(const std::string& bytes) {
    chunk_open_ = true;
    try {
      return chunk_order_from_message(bytes);
    } catch (const std::exception& e) {
      throw Error(fmt::format("a chunk order from rank 0 it cannot read: {}", e.what()));
    }
  }

  // Why the stream failed: its call's errno where it set one (an ofstream need not), else no more
  // than that it failed.
  static std::string write_failure() { return errno != 0 ? std::strerror(errno) : std::string("write error"); }

  // The first piece names the file, an empty one ends it. A write that fails says why at once
  // (a full disk: found 6 December 2026 by a scale-out sweep, "write error" after the last piece).
  void take_input_piece(const std::string& bytes) {
    if (!receiving_) {
      input_started_.emplace();
      input_copy_ = scratch_.path() / std::filesystem::path(bytes).filename().string();
      errno = 0;
      receiving_.emplace(*input_copy_, std::ios::binary | std::ios::trunc);
      if (!*receiving_) throw Error(fmt::format("{}: cannot write: {}", input_copy_->string(), write_failure()));
      return;
    }
    errno = 0;
    if (bytes.empty()) {
      receiving_->close();
      if (!*receiving_) throw Error(fmt::format("{}: write: {}", input_copy_->string(), write_failure()));
      receiving_.reset();
      input_s_ = std::exchange(input_started_, std::nullopt)->seconds();
      return;
    }
    receiving_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!*receiving_) throw Error(fmt::format("{}: write: {}", input_copy_->string(), write_failure()));
  }

  void do_chunk(ChunkOrder order) {
    WorkerJob& job = order.job;
    // A shared input that is another file on this host (same name, other bytes) gave a wrong
    // output, exit 0, or blamed a segment's decoder (found 6 December 2026 by a scale-out sweep).
    // Its size and a sample of its bytes are the cheap check (core/file_sample.hpp), made once per
    // file as it is (its size and time of writing unchanged), not for every chunk: 1 MiB read
    // inside the timed work, from a shared disk (found 6 December 2026 by a review).
    if (!order.sent_input && order.input_bytes != 0 && !already_checked(job.input.path, order))
      if (const auto here = sample_file(job.input.path)) {
        if (here->bytes != order.input_bytes)
          throw InputError(fmt::format("{}: {} bytes here, {} where rank 0 reads it: another file (--mpi-input shared needs the "
                                       "same file on every host)",
                                       job.input.path.string(), here->bytes, order.input_bytes));
        if (order.input_sample != 0 && here->hash != order.input_sample)
          throw InputError(fmt::format("{}: the size of the file where rank 0 reads it, but other bytes: another file "
                                       "(--mpi-input shared needs the same file on every host)",
                                       job.input.path.string()));
        checked_ = CheckedInput{InputStamp::of(job.input.path), order.input_bytes, order.input_sample};
      }
    if (order.sent_input) {
      if (!input_copy_ || receiving_) throw Error("mpi-segments: a chunk of an input that has not arrived");
      job.clip = *input_copy_;
      job.clip_first = order.clip_first;
    }
    const std::filesystem::path part = scratch_.path() / fmt::format("part{}", job.output.extension().string());
    job.output = part;
    job.kind = WorkerJob::Kind::segment_to_part_file;
    WorkerStatus status = run_worker_job(job, -1);
    // This rank's own transfers, receiving the input and sending the part, are its transfer stage
    // (found 6 December 2026 by a scale-out sweep: rankN_transfer_s read 0 beside 57 MB moved).
    double transfer_s = std::exchange(input_s_, 0.0);
    if (status.error.empty()) {
      ScopedTimer t(transfer_s);
      send_file(world_, 0, mpi::Tag::part, part, kAnswerTimeout);
    }
    seconds_of(status.stages, Stage::transfer) += transfer_s;
    std::filesystem::remove(part);
    // One chunk's input at a time: the next chunk brings its own.
    if (order.sent_input) std::filesystem::remove(*std::exchange(input_copy_, std::nullopt));
    chunk_open_ = false;
    if (!world_.send(0, mpi::Tag::status, to_json(status), kAnswerTimeout))
      throw Error(fmt::format("{}: rank 0 took no report for an hour", world_.describe(world_.rank())));
  }

  const mpi::World& world_;
  ScratchDir scratch_{"framebench-rank"};
  std::optional<std::filesystem::path> input_copy_;
  std::optional<std::ofstream> receiving_;
  std::optional<Stopwatch> input_started_;  // since the chunk's input began to arrive
  double input_s_ = 0;                       // how long the chunk's input took to arrive
  // The shared input last found to be rank 0's file: as it was here then (which file, its size and
  // time of writing), and what rank 0 said of it.
  struct CheckedInput {
    std::optional<InputStamp> here;
    std::uintmax_t rank_0_bytes = 0;
    std::uint64_t rank_0_sample = 0;
    bool operator==(const CheckedInput&) const = default;
  };
  std::optional<CheckedInput> checked_;

  bool already_checked(const std::filesystem::path& file, const ChunkOrder& order) const {
    const auto here = InputStamp::of(file);
    return here && checked_ == CheckedInput{here, order.input_bytes, order.input_sample};
  }
  bool chunk_open_ = false;
};

// After this rank failed outside a chunk's worker (its scratch, a full disk, an order it cannot
// read) or was stopped by a signal: every chunk rank 0 hands it, and the one it was on, is
// answered with that failure until rank 0's stop, so that rank 0 fails the job at once, naming
// this rank, instead of waiting out --rank-timeout while this rank waits in MPI_Finalize (found 6
// December 2026 by a scale-out sweep). After a signal the caller keeps a FinishingDespiteSignals,
// so that the signal does not end the answering it is the reason for.
// Whether rank 0 was told (rank 0 then names this rank and the failure in its own line).
bool refuse_chunks(const mpi::World& world, const WorkerStatus& failure, bool chunk_open) {
  bool told = false;
  const auto answer = [&] { return told = world.send(0, mpi::Tag::status, to_json(failure), kAnswerTimeout); };
  if (chunk_open && !answer()) return false;
  // Rank 0 hands out or stops within moments of a report; one silent this long has gone.
  auto heard = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - heard < kAnswerTimeout) {
    const auto m = world.receive(std::chrono::seconds(1));
    if (stopping_for_signal()) return told;
    if (!m || m->source != 0) continue;
    heard = std::chrono::steady_clock::now();
    if (m->tag == mpi::Tag::stop) return told;
    if (m->tag == mpi::Tag::job && !answer()) return false;  // input pieces before it are dropped
  }
  return told;
}

}  // namespace

int serve_chunks(const mpi::World& world) {
  std::optional<RankService> service;
  WorkerStatus failure;
  bool interrupted = false;
  try {
    service.emplace(world);
    service->serve();
    return 0;
  } catch (const Interrupted& e) {
    // Maybe this rank's alone: rank 0 is told, as of any failure, where it waited out
    // --rank-timeout and called this rank hung (found 6 December 2026 by a sweep of fleet faults).
    // Exit 0 after: rank 0 gives the job's status, and it may still be cleaning up.
    failure.error = e.what();
    interrupted = true;
  } catch (const InputError& e) {
    failure.error = e.what();
    failure.bad_input = true;  // this host's environment (its TMPDIR), which the user sets
  } catch (const std::exception& e) {
    failure.error = e.what();
  }
  const bool chunk_open = service && service->chunk_open();
  service.reset();  // its scratch goes now
  bool told = false;
  try {
    // After a send rank 0 never took, it has gone: the World aborts the job on exit.
    // After a signal the answers must still go out: a send or receive gives up at a signal otherwise.
    std::optional<FinishingDespiteSignals> answering;
    if (interrupted) answering.emplace();
    if (!world.gave_up_a_send()) told = refuse_chunks(world, failure, chunk_open);
  } catch (const std::exception&) {
    // Not told after all: said below.
  }
  if (told || interrupted) return 0;  // rank 0 fails the job and gives its exit status (mpirun reports the first non-zero one)
  std::fprintf(stderr, "framebench: %s: %s\n", world.describe(world.rank()).c_str(), failure.error.c_str());
  return 1;
}

}  // namespace framebench::strategies
