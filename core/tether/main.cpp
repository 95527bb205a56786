// framebench-tether PARENT PROGRAM ARGV0 [ARGS...]: becomes PROGRAM, run as ARGV0 ARGS..., after
// asking the kernel to SIGKILL it when PARENT ends. posix_spawn cannot ask that for a child
// (core/subprocess.cpp starts every child through this), and without it a worker or an ffmpeg of
// a SIGKILLed framebench runs on to the end of its job. Not for people.
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "framebench-tether: framebench starts its child processes through it\n");
    return 2;
  }
  const long parent = std::strtol(argv[1], nullptr, 10);
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
    std::fprintf(stderr, "framebench-tether: prctl: %s\n", std::strerror(errno));
    return 127;
  }
  // A parent gone before the line above sent no signal; ours is then someone else.
  if (::getppid() != parent) std::raise(SIGKILL);
  ::execv(argv[2], argv + 3);
  std::fprintf(stderr, "framebench-tether: cannot start '%s': %s\n", argv[2], std::strerror(errno));
  return 127;
}
