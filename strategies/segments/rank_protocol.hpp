#pragma once
// What passes between rank 0 of mpi-segments and the other ranks, as mpi::World messages. For
// each chunk, rank 0 sends a rank (when ranks do not share the input) a copy of the input packets
// the chunk needs as `input` pieces, its name first and an empty piece last, then the `job`; the rank answers each with the encoded part as
// `part` pieces, an empty piece last, then a `status` (a WorkerStatus, as the worker protocol
// has it). `stop` ends the rank.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "mpi/world.hpp"
#include "strategies/segments/job.hpp"

namespace framebench::strategies {

// Files travel in pieces of this size, so that neither end holds more than one in memory.
constexpr std::size_t kFilePieceBytes = std::size_t{4} << 20;

struct ChunkOrder {
  bool sent_input = false;      // read the copy of the chunk's packets rank 0 sent, not job.input.path
  std::int64_t clip_first = 0;  // the input's frame that is the copy's first
  WorkerJob job;
  // With a shared input: its size and sample (core/file_sample.hpp) where rank 0 reads it, so that
  // a rank whose file at that path is another refuses, naming its host (0: not known, as from an
  // older rank 0).
  std::uintmax_t input_bytes = 0;
  std::uint64_t input_sample = 0;
};

std::string to_message(const ChunkOrder& order);
// Throws Error naming what is wrong.
ChunkOrder chunk_order_from_message(std::string_view bytes);

// Sends `file` to `to` as `tag` pieces ending with an empty one; throws Error naming the rank when
// one is not taken within `timeout`.
void send_file(const mpi::World& world, int to, mpi::Tag tag, const std::filesystem::path& file, std::chrono::milliseconds timeout);

}  // namespace framebench::strategies
