#pragma once
// mpirun as the MPI tests start it: allowed to run as root (CI does), TCP only, every rank's
// environment carrying a mark so that a test can find the ranks it started, and check none is
// left afterwards.
#include <sys/types.h>

#include <string>
#include <vector>

namespace framebench::testing {

struct MpiLaunch {
  int ranks = 2;
  std::vector<std::string> mpirun_options = {};  // placed before the program, e.g. --hostfile
  std::vector<std::string> env = {};             // "KEY=VALUE", given to mpirun and passed on to every rank
  std::string mark;                              // value of FRAMEBENCH_TEST_MARK in every rank
  // A shell script each rank runs first, with framebench as $0 and its arguments as $@ (it ends
  // `exec "$0" "$@"`): to give one rank ($OMPI_COMM_WORLD_RANK) another environment than the rest.
  std::string rank_script = {};
};

// The command line: `timeout` around mpirun around framebench `args`.
std::vector<std::string> mpirun_command(const MpiLaunch& launch, const std::vector<std::string>& args);
// What mpirun_command's processes need in their environment (the root permission, the mark).
std::vector<std::string> mpirun_env(const MpiLaunch& launch);

// Processes alive now whose environment carries `mark`.
std::vector<pid_t> processes_marked(const std::string& mark);
// The pid of rank `rank`'s framebench among the processes marked `mark`, or 0.
pid_t rank_pid(const std::string& mark, int rank);
// Frame hashes of a video, one line per frame, by the ffmpeg CLI (a decoder of its own).
std::vector<std::string> frame_hashes(const std::string& video);

}  // namespace framebench::testing
