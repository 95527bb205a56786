#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "cli/results_table.hpp"
#include "core/core_budget.hpp"
#include "core/distinct_files.hpp"
#include "core/result_text.hpp"
#include "harness/kernel_benchmarks.hpp"

namespace framebench::cli {

void add_kernels_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand(
      "kernels",
      "Kernel-only microbenchmarks (Google Benchmark): every implementation x kernel x frame size, against memory bandwidth");
  auto options = std::make_shared<harness::KernelBenchOptions>();
  sub->add_option("--kernel", options->kernels,
                  fmt::format("kernel to run, repeatable (default: {})", fmt::join(harness::default_kernels(), " ")));
  sub->add_option("--impl", options->impls, "implementation to run, repeatable (default: every one available)");
  sub->add_option("--size", options->sizes, fmt::format("frame size WxH, repeatable (default: {})", fmt::join(harness::default_sizes(), " ")));
  sub->add_option("--pixel-format", options->pixel_formats,
                  "bgr24 (packed BGR24 frames) or native (yuv420p planes, each filtered on its own, as the native pixel "
                  "path does), repeatable (default: bgr24)");
  sub->add_option("--threads", options->threads,
                  "thread budget of multithreaded implementations (tbb-rows, OpenCV peers); 0 = all cores (default 1)")
      ->check(whole_range(0, kMostWorkers));
  sub->add_option("--config", options->config, "sweep file supplying impl, kernel and size lists, e.g. configs/kernels.toml")->check(non_empty_path());
  sub->add_option("--out", options->out, "results file (default results/kernels-<host>-<time>.json, or results/<sweep name>-<host>-<time>.json with --config)")->check(non_empty_path());
  sub->add_flag("--benchmark-console", options->benchmark_console,
                "also print Google Benchmark's own console output (context and every counter of every case)");
  sub->allow_extras();  // --benchmark_* flags go to Google Benchmark
  sub->footer("Google Benchmark flags such as --benchmark_filter=REGEX, --benchmark_min_time=SECONDS or\n"
              "--benchmark_repetitions=N are passed through.");
  sub->callback([&action, options, sub] {
    options->benchmark_flags = sub->remaining();
    action = [options] {
      check_distinct_files({{options->out, "--out"}}, {{options->config, "the sweep file (--config)"}});
      const auto outcome = harness::run_kernel_benchmarks(*options);
      if (!outcome.results_file.empty()) {
        print_results_table(outcome.results_file);
        fmt::print("\n{} case(s) run, {} failed, {} skipped\nresults: {}\n", outcome.cases_run, outcome.cases_failed,
                   outcome.cases_skipped, one_printable_line(outcome.results_file.string()));
        for (const auto& w : outcome.warnings) fmt::print("warning: {}\n", w);
      }
      return outcome.cases_failed ? 1 : 0;
    };
  });
}

}  // namespace framebench::cli
