#include <cstdlib>
#include <thread>

#include <fmt/format.h>

#include "mpi/world.hpp"

namespace framebench::mpi {

bool started_as_rank() {
  // Open MPI's mpirun sets the first; PMIx launchers (srun --mpi=pmix, prterun) the second.
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

std::string World::describe(int rank) const { return fmt::format("rank {} on {}", rank, host(rank)); }

int World::first_other_build() const {
  for (int r = 1; r < size(); ++r)
    if (build(r) != build(0)) return r;
  return 0;
}

std::optional<Message> World::receive(std::chrono::milliseconds timeout, std::chrono::milliseconds whole_within) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // Polling with short sleeps, not a blocking receive: Open MPI's blocking calls spin a core,
  // which would steal it from the benchmark running beside an idle rank.
  auto nap = std::chrono::microseconds(50);
  while (true) {
    if (auto m = poll(whole_within)) return m;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(nap);
    nap = std::min<std::chrono::microseconds>(nap * 2, std::chrono::milliseconds(2));
  }
}

}  // namespace framebench::mpi
