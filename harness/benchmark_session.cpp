#include "harness/benchmark_session.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/name_filter.hpp"
#include "core/number_text.hpp"
#include "core/subprocess.hpp"
#include "core/toml_reader.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/environment.hpp"
#include "harness/output_path.hpp"

namespace framebench::harness {

namespace {

// Google Benchmark's console table repeats every counter of every repetition; the commands show
// their own progress, and their summary from the results file, and pass the runs on to the console
// table only when asked, its CPU column from `cpu_counter` as the results file has it (it showed the
// replay's microseconds: found 6 December 2026 by a documentation walk-through). The JSON file
// reporter is unaffected.
class ConsoleWhenAsked final : public benchmark::BenchmarkReporter {
 public:
  ConsoleWhenAsked(benchmark::BenchmarkReporter* console, std::string cpu_counter) : console_(console), cpu_counter_(std::move(cpu_counter)) {}
  bool ReportContext(const Context& context) override { return console_ ? console_->ReportContext(context) : true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    if (console_) console_->ReportRuns(with_cpu_from_counter(runs));
  }
  void Finalize() override {
    if (console_) console_->Finalize();
  }

 private:
  std::vector<Run> with_cpu_from_counter(std::vector<Run> runs) const {
    if (cpu_counter_.empty()) return runs;
    for (auto& run : runs) {
      const auto it = run.counters.find(cpu_counter_);
      if (it == run.counters.end()) continue;  // an error entry
      // A cv aggregate holds the ratio itself; the others a time summed over the iterations.
      run.cpu_accumulated_time = it->second.value * (run.aggregate_unit == benchmark::kPercentage ? 1 : static_cast<double>(run.iterations));
    }
    return runs;
  }

  benchmark::BenchmarkReporter* console_;
  std::string cpu_counter_;
};

}  // namespace

// Google Benchmark's flags that take numbers, a regular expression or one of a few words, checked
// here: for a bad number it prints its own line and carries on (a repetition count of -1 ended in
// "vector::reserve", a filter that does not compile in "no case matches"), and for a format or
// time unit it does not know it prints its usage and exits 0 at once, leaving our scratch and
// temporaries behind (found 5 December 2026 by a hostile-input sweep).
std::optional<bool> benchmark_flag_value(std::string_view value) {
  std::string word(value);
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* yes : {"true", "yes", "on", "1", "t", "y"})
    if (word == yes) return true;
  for (const char* no : {"false", "no", "off", "0", "f", "n"})
    if (word == no) return false;
  return std::nullopt;
}

void check_benchmark_flags(const std::vector<std::string>& flags) {
  for (const auto& flag : flags) {
    if (!flag.starts_with("--benchmark_"))
      throw InputError(fmt::format("unknown option '{}' (Google Benchmark flags start with --benchmark_)", flag));
    if (flag.starts_with("--benchmark_out=") || flag.starts_with("--benchmark_out_format="))
      throw InputError(fmt::format("'{}': results are always JSON; use --out FILE", flag));
    // Google Benchmark adds --benchmark_context's pairs before framebench records its own, and
    // keeps the first of a key: `--benchmark_context=framebench_schema=999` (or kind, host,
    // config_hash) replaced framebench's provenance, and the file was one `summary` refuses.
    if (flag.starts_with("--benchmark_context"))
      throw InputError(fmt::format("'{}': the results' context is framebench's provenance; it takes no additions", flag));
    const auto eq = flag.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = flag.substr(0, eq), value = flag.substr(eq + 1);
    const auto number = [&] { return finite_number(value); };
    static const std::set<std::string> boolean_flags = {"--benchmark_list_tests", "--benchmark_display_aggregates_only",
                                                        "--benchmark_report_aggregates_only", "--benchmark_counters_tabular",
                                                        "--benchmark_enable_random_interleaving"};
    if (key == "--benchmark_repetitions") {
      // Digits only, as Google Benchmark reads it: "2.0" and "1e1" passed a check on the number
      // and then got Google Benchmark's own line before ours.
      const auto n = whole_number<int>(value);
      if (!n || *n < 1 || *n > 100000) throw InputError(fmt::format("{}: must be a whole number from 1 to 100000", flag));
    } else if (key == "--benchmark_min_time" || key == "--benchmark_min_warmup_time") {
      const auto s = number();  // Google Benchmark 1.7 takes seconds only: "0.5s" and "100x" came with 1.8
      if (!s || *s < 0 || *s > 86400) throw InputError(fmt::format("{}: must be a number of seconds from 0 to 86400", flag));
    } else if (key == "--benchmark_format" && value != "console" && value != "json" && value != "csv") {
      throw InputError(fmt::format("{}: must be console, json or csv", flag));
    } else if (key == "--benchmark_time_unit" && value != "ns" && value != "us" && value != "ms" && value != "s") {
      throw InputError(fmt::format("{}: must be ns, us, ms or s", flag));
    } else if (key == "--benchmark_color" && value != "auto" && !benchmark_flag_value(value)) {
      throw InputError(fmt::format("{}: must be auto, or true or false (yes/no, on/off, 1/0)", flag));
    } else if (boolean_flags.contains(key) && !benchmark_flag_value(value)) {
      throw InputError(fmt::format("{}: must be true or false (yes/no, on/off, 1/0)", flag));
    } else if (key == "--benchmark_filter") {
      // a leading '-' negates it
      compile_name_filter(key + "=" + pattern_as_shown(value), value.starts_with('-') ? value.substr(1) : value);
    }
  }
}

namespace {

// The flags are checked before the scratch folder and the results file's folder are made.
const std::filesystem::path& checked_first(const std::vector<std::string>& flags, const std::filesystem::path& results_file) {
  check_benchmark_flags(flags);
  return results_file;
}

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
  if (argc > 1) throw InputError(fmt::format("Google Benchmark did not take '{}' (an unknown flag, or a value it cannot read)", argv[1]));
}

}  // namespace

BenchmarkSession::BenchmarkSession(std::string kind, const std::filesystem::path& results_file, const std::vector<std::string>& flags)
    : results_file_(checked_first(flags, results_file)), scratch_("framebench-results") {
  initialize_benchmark(scratch_ / "benchmark.json", flags);  // a flag it does not take, before the results folder is made
  results_folders_ = std::make_unique<MadeDirectories>(results_file);
  { AtomicFile probe(results_file); }  // an unwritable place fails now, before anything is measured
  results_lock_ = std::make_unique<OutputLock>(results_file);
  for (const auto& [key, value] : collect_environment()) add_context(key, value);
  add_context("kind", kind);
  add_context("library_build_type_note",
              "library_build_type is Google Benchmark's own: 'debug' when libbenchmark was compiled without NDEBUG, as "
              "Debian's package is; the timed code is framebench's, built as framebench_build_type says");
}

BenchmarkSession::~BenchmarkSession() { shutdown(); }

void BenchmarkSession::add_context(const std::string& key, const std::string& value) {
  if (std::find(recorded_.begin(), recorded_.end(), key) != recorded_.end()) return;
  recorded_.push_back(key);
  benchmark::AddCustomContext(key, value);
}

void BenchmarkSession::add_config(const ConfigSource& config) {
  add_context("config_name", config.name);
  add_context("config_description", config.description);
  add_context("config_path", config.path.string());
  add_context("config_hash", config.hash);
  add_context("config_text", config.text);
}

void BenchmarkSession::take_cpu_time_from(std::string counter) {
  add_context("cpu_time", fmt::format("the {} counter: CPU seconds of framebench and every child process it ran (getrusage "
                                      "RUSAGE_SELF + RUSAGE_CHILDREN), in time_unit", counter));
  cpu_time_counter_ = std::move(counter);
}

std::size_t BenchmarkSession::run(bool console) {
  // As Google Benchmark's own default display: counters as name=value, colour only on a terminal.
  benchmark::ConsoleReporter table(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Color : benchmark::ConsoleReporter::OO_None);
  ConsoleWhenAsked reporter(console ? &table : nullptr, cpu_time_counter_);
  std::fflush(stdout);  // the table goes through std::cout, which keeps the C library's own stream
  const auto matched = benchmark::RunSpecifiedBenchmarks(&reporter);
  std::cout.flush();
  benchmark::ClearRegisteredBenchmarks();
  return matched;
}

// Google Benchmark says nothing when it cannot write its output (a full scratch disk), so an
// output that is not whole JSON is named here with the room left on its disk.
std::string BenchmarkSession::benchmark_output() const {
  const auto path = scratch_ / "benchmark.json";
  auto text = strict_json(read_text_file(path, "benchmark output"));  // no NaN in aggregates
  if (nlohmann::json::accept(text)) return text;
  std::error_code ec;
  const auto space = std::filesystem::space(scratch_.path(), ec);
  throw Error(fmt::format("{}: Google Benchmark's output is not whole JSON ({} bytes{}); the results of this round cannot be written",
                          path.string(), text.size(), ec ? "" : fmt::format(", {} bytes free on its disk", space.available)));
}

void BenchmarkSession::commit() {
  // The folder took the file when the session began: refused now, it was removed or made read-only
  // meanwhile, a fault rather than bad input (found 6 December 2026 by a fault sweep: exit 2).
  std::optional<AtomicFile> results;
  try {
    results.emplace(results_file_, AtomicFile::Place::checked_before);
  } catch (const Error& e) {
    std::error_code ec;
    if (committed_ && std::filesystem::is_regular_file(results_file_, ec))
      throw Error(fmt::format("{}; it holds the rounds written before", e.what()));
    throw;
  }
  const auto text = benchmark_output();
  results->write(cpu_time_counter_.empty() ? text : cpu_time_from_counter(text, cpu_time_counter_));
  results->commit();
  committed_ = true;
}

void BenchmarkSession::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  benchmark::ClearRegisteredBenchmarks();
  benchmark::Shutdown();
}

}  // namespace framebench::harness
