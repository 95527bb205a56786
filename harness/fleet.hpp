#pragma once
// Fleet runs (`mpirun --map-by ppr:1:node -np H framebench run CONFIG --fleet`): every rank runs
// the same config on its own machine, and rank 0's results file then holds every other host's
// results file whole under "fleet" ([{rank, host, result} or {rank, host, error}]), so that
// `report` draws the hosts side by side and `compare FILE@a FILE@b` compares two of them. A host
// whose run failed is recorded with why; the others are kept. So is a host that falls silent
// (stopped, hung, cut off): every member says it is alive while its run goes on, and rank 0 takes
// one it has not heard from for the config's rank_timeout_s as lost.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "mpi/world.hpp"

namespace framebench::harness {

struct FleetFailure {
  int rank = 0;
  std::string host;
  std::string error;
};

// Every member says hello to rank 0 before any run, and rank 0 hears each: so that every member's
// link to rank 0 is open before rank 0 runs its own config, during which it makes no MPI call and
// so could accept none (found 6 December 2026 by a review: in a fleet of four over TCP, rank 3,
// which the start-up's collective calls had not linked to rank 0, could not send its first beat;
// it gave up and aborted the whole job). Rank 0 answers each once it has them all, and a member
// waits for that answer, so that nothing else a member sends reaches rank 0 before then. Error
// after `within` without them.
void open_fleet_links(mpi::World& world, std::chrono::milliseconds within);

// A member's sign of life, from a thread of its own, while its run (which makes no MPI call) goes
// on: often enough that rank 0 hears it several times within `silence_limit`.
class FleetHeartbeat {
 public:
  FleetHeartbeat(const mpi::World& world, std::chrono::milliseconds silence_limit);
  ~FleetHeartbeat();  // stops beating, once a beat under way is taken: before the member's own MPI calls
  FleetHeartbeat(const FleetHeartbeat&) = delete;
  FleetHeartbeat& operator=(const FleetHeartbeat&) = delete;

  static std::chrono::milliseconds interval(std::chrono::milliseconds silence_limit);

 private:
  std::mutex mutex_;
  std::condition_variable stop_;
  bool stopping_ = false;
  std::thread thread_;
};

// A rank other than 0: sends rank 0 its results file, or why its run failed (`error` not empty).
void send_fleet_result(const mpi::World& world, const std::filesystem::path& results, const std::string& error);

// Rank 0: waits for every other rank's answer and adds them to `results` (rewritten atomically).
// A member silent for `silence_limit` (counted from the start of the wait, since rank 0 reads no
// message during its own run) is recorded as lost, and the job is ended on exit so that mpirun
// takes it down. Returns the hosts whose run failed or which were lost.
std::vector<FleetFailure> gather_fleet(mpi::World& world, const std::filesystem::path& results,
                                       std::chrono::milliseconds silence_limit);

}  // namespace framebench::harness
