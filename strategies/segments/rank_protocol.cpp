#include "strategies/segments/rank_protocol.hpp"

#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "strategies/segments/protocol.hpp"

namespace framebench::strategies {

std::string to_message(const ChunkOrder& order) {
  return nlohmann::json{{"sent_input", order.sent_input},
                        {"clip_first", order.clip_first},
                        {"input_bytes", order.input_bytes},
                        {"input_sample", order.input_sample},
                        {"job", nlohmann::json::parse(to_json(order.job))}}
      .dump();
}

ChunkOrder chunk_order_from_message(std::string_view bytes) {
  try {
    const auto j = nlohmann::json::parse(bytes);
    return {j.at("sent_input").get<bool>(), j.at("clip_first").get<std::int64_t>(), worker_job_from_json(j.at("job").dump()),
            j.value("input_bytes", std::uintmax_t{0}), j.value("input_sample", std::uint64_t{0})};
  } catch (const nlohmann::json::exception& e) {
    throw Error(fmt::format("mpi-segments: a chunk order that is not one: {}", e.what()));
  }
}

void send_file(const mpi::World& world, int to, mpi::Tag tag, const std::filesystem::path& file, std::chrono::milliseconds timeout) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot open to send to {}", file.string(), world.describe(to)));
  while (true) {
    std::string piece(kFilePieceBytes, '\0');  // handed to the World, which keeps it while MPI reads it
    in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw Error(fmt::format("{}: read error while sending it to {}", file.string(), world.describe(to)));
    piece.resize(n);
    if (!world.send(to, tag, std::move(piece), timeout))
      throw Error(fmt::format("{} was silent for {:.0f} s, taking nothing of {}: it died or hangs", world.describe(to),
                              std::chrono::duration<double>(timeout).count(), file.string()));
    if (n == 0) return;
  }
}

}  // namespace framebench::strategies
