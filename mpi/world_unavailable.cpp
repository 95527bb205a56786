// Built without Open MPI: mpi-segments and fleet runs say why they cannot run.
#include "core/error.hpp"
#include "mpi/world.hpp"

namespace framebench::mpi {

std::string build_unavailable_reason() {
  return "built without Open MPI (install libopenmpi-dev and openmpi-bin, configure with -DFRAMEBENCH_MPI=ON)";
}

World::World(std::string_view) { throw Error(build_unavailable_reason()); }
World::~World() = default;
World* World::current() { return nullptr; }
bool World::send(int, Tag, std::string, std::chrono::milliseconds) const { return false; }
std::optional<Message> World::poll(std::chrono::milliseconds) const { return std::nullopt; }

}  // namespace framebench::mpi
