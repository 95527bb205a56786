#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "harness/runner.hpp"

namespace framebench::cli {

void add_run_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("run", "Run an experiment config: every case timed, verified, written to results JSON");
  struct Args {
    std::string config;
    harness::RunOptions options;
    int repetitions = 0;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("config", args->config, "experiment file, e.g. configs/quick.toml")->required();
  sub->add_option("--filter", args->options.filter, "run only cases whose name matches this regular expression");
  sub->add_option("--out", args->options.out, "results file (default results/<config>-<host>-<time>.json)");
  sub->add_flag("--benchmark-console", args->options.benchmark_console,
                "also print Google Benchmark's console table (every counter of every repetition)");
  sub->add_option("--repetitions", args->repetitions, "override the config's repetitions")->check(CLI::Range(1, 4096));
  sub->callback([&action, args] {
    action = [args] {
      const auto config = harness::load_config(args->config);
      if (args->repetitions > 0) args->options.repetitions = args->repetitions;
      const auto outcome = harness::run_experiment(config, args->options);
      fmt::print("\n{} case(s) run, {} failed, {} unavailable here\nresults: {}\n", outcome.cases_run, outcome.cases_failed,
                 outcome.cases_unavailable, outcome.results_file.string());
      return outcome.cases_failed ? 1 : 0;
    };
  });
}

}  // namespace framebench::cli
