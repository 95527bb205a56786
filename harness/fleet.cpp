#include "harness/fleet.hpp"

#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/scratch_dir.hpp"

namespace framebench::harness {

namespace {

using json = nlohmann::json;

// A host's run may take as long as its config does; rank 0 waits for it however long.
constexpr std::chrono::hours kFleetWait{24 * 7};

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", path.string()));
  return json::parse(in);
}

}  // namespace

void send_fleet_result(const mpi::World& world, const std::filesystem::path& results, const std::string& error) {
  json answer = {{"error", error}};
  if (error.empty()) {
    try {
      answer["result"] = read_json(results);
    } catch (const std::exception& e) {
      answer["error"] = fmt::format("its results could not be read: {}", e.what());
    }
  }
  if (!world.send(0, mpi::Tag::fleet_result, answer.dump(), kFleetWait))
    throw Error(fmt::format("{}: rank 0 took no fleet result", world.describe(world.rank())));
}

std::vector<FleetFailure> gather_fleet(const mpi::World& world, const std::filesystem::path& results) {
  std::vector<json> members(static_cast<std::size_t>(world.size()));
  std::vector<FleetFailure> failures;
  const auto give_up = std::chrono::steady_clock::now() + kFleetWait;
  for (int waiting = world.size() - 1; waiting > 0;) {
    // In short waits, so that Ctrl-C or SIGTERM ends it (found 6 December 2026 by a scale-out
    // sweep: rank 0 signalled waited for every other host's whole run).
    const auto m = world.receive(std::chrono::seconds(1));
    throw_if_interrupted();
    if (!m && std::chrono::steady_clock::now() > give_up) throw Error("fleet: a host gave no result within a week");
    if (!m) continue;
    if (m->tag != mpi::Tag::fleet_result) continue;
    const json answer = json::parse(m->bytes);
    json member = {{"rank", m->source}, {"host", world.host(m->source)}};
    if (const auto error = answer.value("error", std::string()); !error.empty()) {
      member["error"] = error;
      failures.push_back({m->source, world.host(m->source), error});
    } else {
      member["result"] = answer.at("result");
    }
    members[static_cast<std::size_t>(m->source)] = std::move(member);
    --waiting;
  }
  json root = read_json(results);
  root["fleet"] = json::array();
  for (int r = 1; r < world.size(); ++r) root["fleet"].push_back(std::move(members[static_cast<std::size_t>(r)]));
  AtomicFile out(results);
  out.write(root.dump(2) + '\n');
  out.commit();
  return failures;
}

}  // namespace framebench::harness
