#include "tests/mpi/mpirun.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/proc_files.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench::testing {

std::vector<std::string> mpirun_env(const MpiLaunch& launch) {
  // Under the asan preset: Open MPI 4.1 and PMIx leave allocations of the components they unload
  // at MPI_Finalize, which LeakSanitizer cannot attribute (their modules are gone when it reports,
  // so no suppression can name them). Ranks keep AddressSanitizer's and UBSan's checks but not
  // leak detection; the same segment code is leak-checked through multiprocess-segments.
  // (Without sanitizers the variable is ignored.)
  const char* asan = std::getenv("ASAN_OPTIONS");
  std::vector<std::string> env = {"OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
                                  "FRAMEBENCH_CACHE_DIR=" FRAMEBENCH_TEST_CACHE_DIR, "FRAMEBENCH_TEST_MARK=" + launch.mark,
                                  std::string("ASAN_OPTIONS=") + (asan && *asan ? std::string(asan) + ":" : "") + "detect_leaks=0"};
  env.insert(env.end(), launch.env.begin(), launch.env.end());
  return env;
}

std::vector<std::string> mpirun_command(const MpiLaunch& launch, const std::vector<std::string>& args) {
  // The outer timeout only keeps a broken test from hanging CI; the product's own timeouts are
  // what the tests check.
  std::vector<std::string> argv = {"timeout", "-k", "5", "120", "mpirun", "--oversubscribe", "--bind-to", "none", "-np",
                                   std::to_string(launch.ranks),
                                   "--mca", "btl", "self,tcp"};
  for (const auto& e : mpirun_env(launch)) argv.insert(argv.end(), {"-x", e.substr(0, e.find('='))});
  argv.insert(argv.end(), launch.mpirun_options.begin(), launch.mpirun_options.end());
  if (!launch.rank_script.empty()) argv.insert(argv.end(), {"sh", "-c", launch.rank_script});
  argv.push_back(FRAMEBENCH_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::vector<pid_t> processes_marked(const std::string& mark) { return processes_with_environment("FRAMEBENCH_TEST_MARK=" + mark); }

pid_t rank_pid(const std::string& mark, int rank) {
  for (const pid_t pid : processes_marked(mark)) {
    const std::string env = read_proc_file("/proc/" + std::to_string(pid) + "/environ");
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    comm >> name;
    if (name == "framebench" && env.find("OMPI_COMM_WORLD_RANK=" + std::to_string(rank) + '\0') != std::string::npos) return pid;
  }
  return 0;
}

std::vector<std::string> frame_hashes(const std::string& video) {
  const auto r = run_program({"ffmpeg", "-nostdin", "-loglevel", "error", "-i", video, "-f", "framemd5", "-"});
  std::vector<std::string> hashes;
  for (const auto& line : lines(r.out))
    if (!line.empty() && line[0] != '#') hashes.push_back(line);
  return hashes;
}

}  // namespace framebench::testing
