#pragma once
// One Google Benchmark session, shared by `run` and `kernels`: the results file (written
// atomically, as often as the command likes), Google Benchmark's initialisation and flags, the
// provenance context, running, shutdown and strict JSON. A command adds what only it knows to the
// context, registers its cases with Google Benchmark, and calls write().
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/output_lock.hpp"
#include "core/scratch_dir.hpp"
#include "harness/config_source.hpp"
#include "harness/output_path.hpp"

namespace framebench::harness {

// Google Benchmark's flags that take numbers, a regular expression or one of a few words: throws
// InputError naming the flag where one is unknown or its value is not one Google Benchmark takes.
void check_benchmark_flags(const std::vector<std::string>& flags);
// A true/false flag's value as Google Benchmark reads the words it means (any case): true, yes,
// on, 1, t, y or false, no, off, 0, f, n; nothing for other words, which Google Benchmark would
// read as true ("maybe", "purple": found 5 December 2026 by a hostile-input sweep).
std::optional<bool> benchmark_flag_value(std::string_view value);

class BenchmarkSession {
 public:
  // `kind` is "e2e" or "kernels"; `flags` are --benchmark_* flags passed through (InputError
  // naming one Google Benchmark does not know). Creates the results file's directory.
  BenchmarkSession(std::string kind, const std::filesystem::path& results_file, const std::vector<std::string>& flags = {});
  ~BenchmarkSession();  // clears the registered cases and shuts Google Benchmark down
  BenchmarkSession(const BenchmarkSession&) = delete;
  BenchmarkSession& operator=(const BenchmarkSession&) = delete;

  // Provenance beyond the environment's; a key recorded twice keeps its first value.
  void add_context(const std::string& key, const std::string& value);
  void add_config(const ConfigSource& config);

  // Google Benchmark's cpu_time is its own process's; with a counter named here, commit() writes
  // that counter (seconds of this process and its children) as cpu_time instead.
  void take_cpu_time_from(std::string counter);

  // Runs every registered case and clears them; `console` shows Google Benchmark's own table.
  // Returns the number of cases that matched the filter. Writes nothing yet.
  std::size_t run(bool console);
  // Replaces the results file, atomically, with strict JSON of the last run().
  void commit();

 private:
  void shutdown();
  // Google Benchmark's JSON of the last run(), made strict; Error naming it if it is not whole.
  std::string benchmark_output() const;
  std::filesystem::path results_file_;  // first: its initialiser checks the flags before scratch_ is made
  // The folders made for results_file_, removed again where nothing was committed (Ctrl-C during
  // `kernels` left an empty results/: found 6 December 2026 by a hostile-input sweep); before the
  // lock, whose file lies in them and goes first.
  std::unique_ptr<MadeDirectories> results_folders_;
  std::unique_ptr<OutputLock> results_lock_;  // held while the session may write results_file_
  bool committed_ = false;
  ScratchDir scratch_;  // Google Benchmark's own output, before it is made strict
  std::vector<std::string> recorded_;
  std::string cpu_time_counter_;
  bool shut_down_ = false;
};

}  // namespace framebench::harness
