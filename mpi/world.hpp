#pragma once
// The Open MPI job this process is a rank of, behind a plain C++ interface: nothing outside
// mpi/ includes mpi.h. CMake builds world_openmpi.cpp, or world_unavailable.cpp when Open MPI is
// not there (FRAMEBENCH_MPI), so callers never need #if.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mpi/rank_timeout.hpp"

namespace framebench::mpi {

// What a message is; ranks receive in the order each sender sent.
enum class Tag : int {
  job = 1,           // rank 0 -> rank: a chunk to do
  input = 2,         // rank 0 -> rank: a piece of the input file (an empty piece ends it)
  part = 3,          // rank -> rank 0: a piece of an encoded chunk
  status = 4,        // rank -> rank 0: the chunk's report, after its last piece
  stop = 5,          // rank 0 -> rank: no more work, leave
  fleet_result = 6,  // rank -> rank 0: a fleet member's result file
  fleet_alive = 7,   // rank -> rank 0: a fleet member's run goes on (harness/fleet.hpp)
  fleet_hello = 8,   // rank -> rank 0: a fleet member is there, before any run (its link opened); rank 0 -> rank: all are
};

struct Message {
  int source = 0;
  Tag tag = Tag::job;
  std::string bytes;
};

// Empty when this binary was built with Open MPI; otherwise why not.
std::string build_unavailable_reason();
// Whether a launcher (mpirun, or srun through PMIx) started this process as a rank.
bool started_as_rank();

class World {
 public:
  // Joins the job (MPI_Init) and learns every rank's host and `build` (what names this binary's
  // build, up to 255 bytes). Throws Error when built without Open MPI or not started as a rank.
  // One per process. One thread at a time calls MPI: the main thread, or a fleet member's
  // heartbeat while its main thread makes no MPI call.
  explicit World(std::string_view build = {});
  // Leaves the job: MPI_Finalize, or, after abort_on_exit, MPI_Abort, which makes the launcher
  // end every rank (the only way to be rid of a rank that hangs).
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // The World of this process, or nullptr when there is none.
  static World* current();

  int rank() const { return rank_; }
  int size() const { return static_cast<int>(hosts_.size()); }
  const std::string& host(int rank) const { return hosts_.at(static_cast<std::size_t>(rank)); }
  const std::string& build(int rank) const { return builds_.at(static_cast<std::size_t>(rank)); }
  // The first rank whose build is not rank 0's, or 0 when every rank runs one build.
  int first_other_build() const;
  // "rank 2 on host-b": how errors name a rank.
  std::string describe(int rank) const;

  // Sends `bytes` to rank `to`; false when it was not taken within `timeout`, Interrupted on
  // Ctrl-C or SIGTERM meanwhile (not while a FinishingDespiteSignals lives, on any thread: what
  // must be said after a signal waits out its timeout). A send given up so stays in flight (MPI
  // cannot take it back), so the World keeps its bytes until the job ends: Open MPI wrote from a
  // caller's freed buffer after Ctrl-C ("writev error ... Bad address", and rank 0 killed before
  // it had cleaned up; found 6 December 2026 by a scale-out sweep). One not taken in time is a peer that died or hangs,
  // which MPI_Finalize would wait for: the job is then aborted on exit.
  bool send(int to, Tag tag, std::string bytes, std::chrono::milliseconds timeout) const;
  // How long the rest of a message whose first bytes have come may take, by default.
  static constexpr std::chrono::milliseconds kWholeWithin{std::chrono::seconds(kDefaultRankTimeoutSeconds)};
  // A message that has arrived from any rank, or nullopt when none is waiting yet. The rest of a
  // large one (a 4 MiB piece) is waited for up to `whole_within`, looking at Ctrl-C meanwhile:
  // Error naming the sender after that (a link cut, a rank stopped mid-send), Interrupted on a
  // signal (as send: not while a FinishingDespiteSignals lives). A receive given up so stays in
  // flight, as a send does: its buffer is kept and the job aborted on exit.
  std::optional<Message> poll(std::chrono::milliseconds whole_within = kWholeWithin) const;
  // Waits up to `timeout` for a message from any rank (the rest of a large one as poll's).
  std::optional<Message> receive(std::chrono::milliseconds timeout, std::chrono::milliseconds whole_within = kWholeWithin) const;

  void abort_on_exit(int status) { abort_status_ = status; }
  // A send was not taken within its timeout: the job will be aborted on exit.
  bool gave_up_a_send() const { return send_timed_out_; }

  // Whether the ranks other than 0 serve mpi-segments' chunks (not in a fleet run, where each
  // runs the command on its own host).
  bool others_serve_chunks() const { return others_serve_chunks_; }
  void set_others_serve_chunks(bool serve) { others_serve_chunks_ = serve; }

 private:
  int rank_ = 0;
  std::vector<std::string> hosts_;
  std::vector<std::string> builds_;
  mutable std::vector<std::unique_ptr<std::string>> abandoned_;  // the bytes of sends and receives given up, still in flight
  mutable bool send_timed_out_ = false;
  mutable bool receive_given_up_ = false;
  std::optional<int> abort_status_;
  bool others_serve_chunks_ = true;
};

}  // namespace framebench::mpi
