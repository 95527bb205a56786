#pragma once
// Fleet runs (`mpirun --map-by ppr:1:node -np H framebench run CONFIG --fleet`): every rank runs
// the same config on its own machine, and rank 0's results file then holds every other host's
// results file whole under "fleet" ([{rank, host, result} or {rank, host, error}]), so that
// `report` draws the hosts side by side and `compare FILE@a FILE@b` compares two of them. A host
// whose run failed is recorded with why; the others are kept.
#include <filesystem>
#include <string>
#include <vector>

#include "mpi/world.hpp"

namespace framebench::harness {

struct FleetFailure {
  int rank = 0;
  std::string host;
  std::string error;
};

// A rank other than 0: sends rank 0 its results file, or why its run failed (`error` not empty).
void send_fleet_result(const mpi::World& world, const std::filesystem::path& results, const std::string& error);

// Rank 0: waits for every other rank's answer and adds them to `results` (rewritten atomically).
// Returns the hosts whose run failed.
std::vector<FleetFailure> gather_fleet(const mpi::World& world, const std::filesystem::path& results);

}  // namespace framebench::harness
