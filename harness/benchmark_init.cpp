#include "harness/benchmark_init.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/subprocess.hpp"

namespace framebench::harness {

void initialize_benchmark(const std::filesystem::path& json_out, const std::vector<std::string>& flags) {
  static std::vector<std::string> args;
  args = {self_executable().string(), fmt::format("--benchmark_out={}", json_out.string()), "--benchmark_out_format=json"};
  args.insert(args.end(), flags.begin(), flags.end());
  static std::vector<char*> argv;
  argv.clear();
  for (auto& a : args) argv.push_back(a.data());
  int argc = static_cast<int>(argv.size());
  benchmark::Initialize(&argc, argv.data());
  if (argc > 1) throw InputError(fmt::format("unknown Google Benchmark flag '{}'", argv[1]));
}

}  // namespace framebench::harness
