#include "core/resource_usage.hpp"

#include <sys/resource.h>

#include <fstream>
#include <string>

namespace framebench {

namespace {
double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; }

std::int64_t status_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0) return std::stoll(line.substr(prefix.size()));
  }
  return 0;
}
}  // namespace

ResourceSample sample_resources() {
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  ResourceSample s;
  s.self_cpu_s = seconds(self.ru_utime) + seconds(self.ru_stime);
  s.children_cpu_s = seconds(children.ru_utime) + seconds(children.ru_stime);
  return s;
}

bool reset_peak_rss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

std::int64_t peak_rss_bytes() { return status_kib("VmHWM") * 1024; }

}  // namespace framebench
