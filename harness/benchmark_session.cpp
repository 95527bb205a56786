#include "harness/benchmark_session.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "core/error.hpp"
#include "core/subprocess.hpp"
#include "core/toml_reader.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/environment.hpp"
#include "harness/output_path.hpp"

namespace framebench::harness {

namespace {

// Google Benchmark's console table repeats every counter of every repetition; the commands show
// their own progress and summary instead. The JSON file reporter is unaffected.
class QuietReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>&) override {}
};

// Google Benchmark reads its settings from argv only and keeps argv[0] for the context, so the
// strings must outlive the run.
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

}  // namespace

BenchmarkSession::BenchmarkSession(std::string kind, const std::filesystem::path& results_file, const std::vector<std::string>& flags)
    : results_file_(results_file), scratch_("framebench-results") {
  prepare_output_directory(results_file);
  AtomicFile probe(results_file);  // an unwritable place fails now, before anything is measured
  initialize_benchmark(scratch_ / "benchmark.json", flags);
  for (const auto& [key, value] : collect_environment()) add_context(key, value);
  add_context("kind", kind);
}

BenchmarkSession::~BenchmarkSession() { shutdown(); }

void BenchmarkSession::add_context(const std::string& key, const std::string& value) {
  if (std::find(recorded_.begin(), recorded_.end(), key) != recorded_.end()) return;
  recorded_.push_back(key);
  benchmark::AddCustomContext(key, value);
}

void BenchmarkSession::add_config(const ConfigProvenance& config) {
  add_context("config_name", config.name);
  add_context("config_description", config.description);
  add_context("config_path", config.path.string());
  add_context("config_hash", config.hash);
  add_context("config_text", config.text);
}

std::size_t BenchmarkSession::run(bool console) {
  QuietReporter quiet;
  const auto matched = console ? benchmark::RunSpecifiedBenchmarks() : benchmark::RunSpecifiedBenchmarks(&quiet);
  benchmark::ClearRegisteredBenchmarks();
  return matched;
}

void BenchmarkSession::commit() {
  AtomicFile results(results_file_);
  std::ofstream out(results.temp_path(), std::ios::binary | std::ios::trunc);
  out << strict_json(read_text_file(scratch_ / "benchmark.json", "benchmark output"));  // no NaN in aggregates
  if (!out.flush()) throw Error(fmt::format("{}: cannot write", results_file_.string()));
  out.close();
  results.commit();
}

void BenchmarkSession::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  benchmark::ClearRegisteredBenchmarks();
  benchmark::Shutdown();
}

}  // namespace framebench::harness
