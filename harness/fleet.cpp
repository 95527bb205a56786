#include "harness/fleet.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/scratch_dir.hpp"

namespace framebench::harness {

namespace {

using json = nlohmann::json;

// A host's run may take as long as its config does; rank 0 waits for it however long, while it
// hears from it.
constexpr std::chrono::hours kFleetWait{24 * 7};

json read_json(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", path.string()));
  return json::parse(in);
}

}  // namespace

std::chrono::milliseconds FleetHeartbeat::interval(std::chrono::milliseconds silence_limit) {
  // Four beats within the limit, none more often than ten a second nor rarer than a minute: a
  // beat is a few bytes, and rank 0 holds the beats of its own run's length unread.
  return std::clamp<std::chrono::milliseconds>(silence_limit / 4, std::chrono::milliseconds(100), std::chrono::minutes(1));
}

FleetHeartbeat::FleetHeartbeat(const mpi::World& world, std::chrono::milliseconds silence_limit) {
  const auto every = interval(silence_limit);
  thread_ = std::thread([this, &world, every] {
    std::unique_lock lock(mutex_);
    while (!stop_.wait_for(lock, every, [this] { return stopping_; })) {
      lock.unlock();
      try {
        // Taken however late: rank 0 reads nothing while it measures, so once the link's buffers
        // are full a beat waits for its gathering. Given up, it ended the beats, and rank 0 took a
        // member still measuring for lost (found 6 December 2026 by a sweep of fleet faults).
        if (!world.send(0, mpi::Tag::fleet_alive, {}, kFleetWait)) return;
      } catch (const std::exception&) {  // Ctrl-C meanwhile (the run stops too), or MPI's own error
        return;
      }
      lock.lock();
    }
  });
}

FleetHeartbeat::~FleetHeartbeat() {
  {
    const std::lock_guard hold(mutex_);
    stopping_ = true;
  }
  stop_.notify_one();
  thread_.join();
}

void open_fleet_links(mpi::World& world, std::chrono::milliseconds within) {
  const double seconds = std::chrono::duration<double>(within).count();
  // The next message before `deadline`, or none.
  const auto next = [&](std::chrono::steady_clock::time_point deadline) -> std::optional<mpi::Message> {
    const auto now = std::chrono::steady_clock::now();
    auto m = now < deadline ? world.receive(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now)) : std::nullopt;
    throw_if_interrupted();
    return m;
  };
  if (world.rank() != 0) {
    if (!world.send(0, mpi::Tag::fleet_hello, {}, within))
      throw Error(fmt::format("{}: rank 0 took no hello within {:g} s (options.rank_timeout_s)", world.describe(world.rank()), seconds));
    // Rank 0's answer, once it has every member's: nothing else of this member's (a result of a
    // run that failed at once) reaches rank 0 while it still waits for hellos, which it would drop.
    for (const auto deadline = std::chrono::steady_clock::now() + within;;) {
      const auto m = next(deadline);
      if (!m) throw Error(fmt::format("{}: rank 0 did not answer its hello within {:g} s (options.rank_timeout_s)",
                                      world.describe(world.rank()), seconds));
      if (m->source == 0 && m->tag == mpi::Tag::fleet_hello) return;
    }
  }
  std::vector<bool> heard(static_cast<std::size_t>(world.size()), false);
  const auto deadline = std::chrono::steady_clock::now() + within;
  for (int waiting = world.size() - 1; waiting > 0;) {
    const auto m = next(deadline);
    if (!m) {
      int first = 1;
      while (heard[static_cast<std::size_t>(first)]) ++first;
      world.abort_on_exit(1);  // the silent member would hold MPI_Finalize
      throw Error(fmt::format("fleet: {} said no hello within {:g} s (options.rank_timeout_s), nor did {} other(s)", world.describe(first),
                              seconds, waiting - 1));
    }
    if (m->tag != mpi::Tag::fleet_hello || heard[static_cast<std::size_t>(m->source)]) continue;
    heard[static_cast<std::size_t>(m->source)] = true;
    --waiting;
  }
  for (int r = 1; r < world.size(); ++r)
    if (!world.send(r, mpi::Tag::fleet_hello, {}, within)) {
      world.abort_on_exit(1);
      throw Error(fmt::format("fleet: {} took no answer to its hello within {:g} s (options.rank_timeout_s)", world.describe(r), seconds));
    }
}

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

std::vector<FleetFailure> gather_fleet(mpi::World& world, const std::filesystem::path& results,
                                       std::chrono::milliseconds silence_limit) {
  const auto size = static_cast<std::size_t>(world.size());
  std::vector<json> members(size);
  std::vector<FleetFailure> failures;
  const auto start = std::chrono::steady_clock::now();
  const auto give_up = start + kFleetWait;
  std::vector<std::chrono::steady_clock::time_point> heard(size, start);
  const auto answered = [&](int rank) { return !members[static_cast<std::size_t>(rank)].is_null(); };
  const auto record_failure = [&](int rank, std::string error) {
    members[static_cast<std::size_t>(rank)] = {{"rank", rank}, {"host", world.host(rank)}, {"error", error}};
    failures.push_back({rank, world.host(rank), std::move(error)});
  };
  for (int waiting = world.size() - 1; waiting > 0;) {
    // In short waits, so that Ctrl-C or SIGTERM ends it (found 6 December 2026 by a scale-out
    // sweep: rank 0 signalled waited for every other host's whole run).
    const auto m = world.receive(std::chrono::milliseconds(std::min<std::int64_t>(1000, silence_limit.count())), silence_limit);
    throw_if_interrupted();
    const auto now = std::chrono::steady_clock::now();
    if (!m && now > give_up) throw Error("fleet: a host gave no result within a week");
    // A member stopped, hung or cut off held the whole run for the week above (found 6 December
    // 2026 by a scale-out sweep); its beats say it is alive, their silence that it is not.
    for (int r = 1; r < world.size(); ++r) {
      if (answered(r) || now - heard[static_cast<std::size_t>(r)] < silence_limit) continue;
      record_failure(r, fmt::format("silent for {:g} s (options.rank_timeout_s): stopped, hung or cut off; its results are lost",
                                    std::chrono::duration<double>(silence_limit).count()));
      world.abort_on_exit(1);  // mpirun then ends it; MPI_Finalize would wait for it
      --waiting;
    }
    if (!m || answered(m->source)) continue;
    heard[static_cast<std::size_t>(m->source)] = now;
    if (m->tag != mpi::Tag::fleet_result) continue;
    const json answer = json::parse(m->bytes);
    if (const auto error = answer.value("error", std::string()); !error.empty()) {
      record_failure(m->source, error);
    } else {
      members[static_cast<std::size_t>(m->source)] = {{"rank", m->source}, {"host", world.host(m->source)}, {"result", answer.at("result")}};
    }
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
