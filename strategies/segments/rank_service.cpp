#include "strategies/segments/rank_service.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/scratch_dir.hpp"
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
      if (interrupt_signal()) return;  // Ctrl-C reaches every rank: rank 0 stops too
      if (!m || m->source != 0) continue;  // only rank 0 gives work
      switch (m->tag) {
        case mpi::Tag::stop: return;
        case mpi::Tag::input: take_input_piece(m->bytes); break;
        case mpi::Tag::job: do_chunk(chunk_order_from_message(m->bytes)); break;
        default: throw Error(fmt::format("{}: rank 0 sent a message of tag {}", world_.describe(world_.rank()), static_cast<int>(m->tag)));
      }
    }
  }

 private:
  // The first piece names the file, an empty one ends it.
  void take_input_piece(const std::string& bytes) {
    if (!receiving_) {
      input_copy_ = scratch_ / std::filesystem::path(bytes).filename().string();
      receiving_.emplace(*input_copy_, std::ios::binary | std::ios::trunc);
      if (!*receiving_) throw Error(fmt::format("{}: cannot write", input_copy_->string()));
      return;
    }
    if (bytes.empty()) {
      receiving_->close();
      if (!*receiving_) throw Error(fmt::format("{}: write error", input_copy_->string()));
      receiving_.reset();
      return;
    }
    receiving_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

  void do_chunk(ChunkOrder order) {
    WorkerJob& job = order.job;
    if (order.sent_input) {
      if (!input_copy_ || receiving_) throw Error("mpi-segments: a chunk of an input that has not arrived");
      job.clip = *input_copy_;
      job.clip_first = order.clip_first;
    }
    const std::filesystem::path part = scratch_ / fmt::format("part{}", job.output.extension().string());
    job.output = part;
    job.kind = WorkerJob::Kind::segment_to_part_file;
    const WorkerStatus status = run_worker_job(job, -1);
    if (status.error.empty()) send_file(world_, 0, mpi::Tag::part, part, kAnswerTimeout);
    std::filesystem::remove(part);
    // One chunk's input at a time: the next chunk brings its own.
    if (order.sent_input) std::filesystem::remove(*std::exchange(input_copy_, std::nullopt));
    if (!world_.send(0, mpi::Tag::status, to_json(status), kAnswerTimeout))
      throw Error(fmt::format("{}: rank 0 took no report for an hour", world_.describe(world_.rank())));
  }

  const mpi::World& world_;
  ScratchDir scratch_{"framebench-rank"};
  std::optional<std::filesystem::path> input_copy_;
  std::optional<std::ofstream> receiving_;
};

}  // namespace

int serve_chunks(const mpi::World& world) {
  try {
    RankService(world).serve();
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "framebench: %s\n", e.what());
    return 1;
  }
}

}  // namespace framebench::strategies
