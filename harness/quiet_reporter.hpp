#pragma once
// Google Benchmark's console table repeats every counter of every repetition; `run` shows its
// own progress lines and summary instead, so by default the console reporter gets nothing. The
// JSON file reporter is unaffected.
#include <benchmark/benchmark.h>

namespace framebench::harness {

class QuietReporter final : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>&) override {}
};

}  // namespace framebench::harness
