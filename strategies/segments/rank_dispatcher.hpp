#pragma once
// Rank 0's side of mpi-segments: hands the chunks out as ranks free up (rank 0 itself doing
// chunks on a thread of its own between messages), writes each returned part to its part file,
// and checks every rank's report. A rank silent past the timeout fails the run naming it and its
// host; a failed rank's chunks in flight elsewhere are waited for, so the next run starts clean,
// and when that cannot be the job is ended as the process leaves (World::abort_on_exit).
#include <vector>

#include "mpi/world.hpp"
#include "strategies/segments/job.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Does `chunks` (segment_to_part_file jobs, each writing its part file here) on every rank of `world`. The
// report has each rank's chunks, frames and stage seconds as counters, and its host in the label.
RunReport dispatch_chunks(mpi::World& world, const Job& job, std::vector<WorkerJob> chunks);

}  // namespace framebench::strategies
