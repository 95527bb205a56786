// Two ranks for World::poll's bound on a message that stops arriving: rank 1 starts a large send,
// lets its first bytes go, then stops itself (SIGSTOP), as a rank stopped or cut off mid-part;
// rank 0 polls with a 2 s bound and prints what it got and when. Run by world_test.cpp.
#include <mpi.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "mpi/world.hpp"

int main() {
  framebench::mpi::World world;
  if (world.rank() == 1) {
    const std::string bytes(64 << 20, 'x');  // far past Open MPI's eager limit: the rest waits for rank 0's answer
    MPI_Request request;
    MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, static_cast<int>(framebench::mpi::Tag::part), MPI_COMM_WORLD,
              &request);
    for (int i = 0; i < 200; ++i) {  // the first fragment, with the header, goes out
      int done = 0;
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::raise(SIGSTOP);
    MPI_Wait(&request, MPI_STATUS_IGNORE);
    return 0;
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));  // rank 1 has stopped by now
  const auto start = std::chrono::steady_clock::now();
  try {
    while (std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
      if (world.poll(std::chrono::seconds(2))) {
        std::puts("received whole");
        return 3;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::puts("nothing came");
    return 4;
  } catch (const framebench::Error& e) {
    std::printf("%s\nafter %.1f s\n", e.what(), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::fflush(stdout);
    return 1;  // the World aborts the job on exit: the receive given up is still in flight
  }
}
