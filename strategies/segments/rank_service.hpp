#pragma once
// The side of mpi-segments that ranks other than 0 run: while rank 0 runs the command, each other
// rank takes chunks from it, does them with the segment worker's code, and sends back the parts.
#include "mpi/world.hpp"

namespace framebench::strategies {

// Serves rank 0 until it says stop. Returns the exit status: 0, or 1 when rank 0 could not be
// answered.
int serve_chunks(const mpi::World& world);

}  // namespace framebench::strategies
