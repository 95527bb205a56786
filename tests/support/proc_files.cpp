#include "tests/support/proc_files.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>
#include <system_error>

namespace framebench::testing {

std::string read_proc_file(const std::filesystem::path& path) {
  try {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  } catch (const std::exception&) {
    return {};
  }
}

std::vector<pid_t> live_pids() {
  std::vector<pid_t> pids;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc", ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename();
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

std::vector<pid_t> processes_with_environment(const std::string& entry) {
  const std::string wanted = entry + '\0';
  std::vector<pid_t> found;
  for (const pid_t pid : live_pids()) {
    if (pid == ::getpid()) continue;
    const std::string environ = read_proc_file("/proc/" + std::to_string(pid) + "/environ");
    for (std::size_t at = 0; at < environ.size();) {
      if (environ.compare(at, wanted.size(), wanted) == 0) {
        found.push_back(pid);
        break;
      }
      const std::size_t end = environ.find('\0', at);
      if (end == std::string::npos) break;
      at = end + 1;
    }
  }
  return found;
}

}  // namespace framebench::testing
