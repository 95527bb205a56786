#pragma once
// Under mpirun every rank runs the same command line. For `process` and `run`, each joins the
// MPI job: rank 0 runs the command, the others serve mpi-segments' chunks until rank 0 is done
// (a fleet run, where every rank runs the command, is the exception). Other commands, and the
// worker processes a rank starts (which inherit its environment), never join.
#include <memory>

#include "mpi/world.hpp"

namespace framebench::cli {

class MpiRanks {
 public:
  // Joins the job when `may_join` and this process was started as a rank; in a `fleet` run every
  // rank runs the command. Ranks that run different framebench builds do nothing: rank 0 throws
  // InputError naming the first other one, the rest stand down.
  MpiRanks(bool may_join, bool fleet);
  // Rank 0 tells the other ranks to leave, then every rank leaves the job.
  ~MpiRanks();
  MpiRanks(const MpiRanks&) = delete;
  MpiRanks& operator=(const MpiRanks&) = delete;

  // This process is a rank other than 0, there to serve chunks, not to run the command.
  bool serves_chunks() const { return world_ && world_->rank() != 0 && world_->others_serve_chunks(); }
  // Serves rank 0 until it says stop; the exit status.
  int serve() const;
  // Not rank 0, in a job of mixed builds: this rank leaves without a word (rank 0 says why).
  bool stands_down() const { return stands_down_; }

 private:
  std::unique_ptr<mpi::World> world_;
  bool stands_down_ = false;
};

}  // namespace framebench::cli
