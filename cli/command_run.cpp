#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include "cli/command.hpp"
#include "cli/results_table.hpp"
#include "cli/run_preview.hpp"
#include "cli/table_exports.hpp"
#include "core/distinct_files.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/number_text.hpp"
#include "core/result_text.hpp"
#include "core/scratch_dir.hpp"
#include "datasets/catalog.hpp"
#include "harness/case_matrix.hpp"
#include "harness/fleet.hpp"
#include "harness/machine_state.hpp"
#include "harness/resume.hpp"
#include "harness/runner.hpp"
#include "mpi/world.hpp"
#include "reports/result_file.hpp"
#include "strategies/registry.hpp"

namespace framebench::cli {

namespace {

// How the run measures: order, stopping rule, intervals, baseline, pinning (docs/METHODOLOGY.md).
void add_measure_options(CLI::App& sub, harness::RunOptions& o) {
  auto* exactly = sub.add_option("--repetitions", o.repetitions, "exactly this many timed rounds per case (turns the stopping rule off)")
                      ->check(whole_range(1, 10000));
  sub.add_option("--min-repetitions", o.min_repetitions, "at least this many timed rounds per case (default 5; config: [measure] min_repetitions)")
      ->check(whole_range(1, 10000));
  sub.add_option("--max-repetitions", o.max_repetitions, "at most this many, however noisy (default 30)")->check(whole_range(1, 10000));
  exactly->excludes("--min-repetitions")->excludes("--max-repetitions");
  sub.add_option("--max-noise", o.max_noise_pct, "add rounds until the median's interval is within PCT% of it (default 3)")
      ->check(finite_range(0.0, harness::kMostNoisePercent));
  sub.add_option("--max-time", o.max_time_s, "stop adding rounds to a case after this many timed seconds (default 300)")
      ->check(positive_seconds());
  sub.add_option("--confidence", o.confidence_pct, "confidence of the intervals, percent (default 90)")->check(finite_range(harness::kLeastConfidencePercent, harness::kMostConfidencePercent));
  sub.add_option("--disturbed", o.disturbed_pct,
                 "flag a case disturbed when other processes (and steal time) used more than PCT% of the run's CPUs over its "
                 "repetitions (default 10)")
      ->check(finite_range(0.0, 100.0));
  sub.add_option("--order", o.order, "order of repetitions: interleaved (default), random or sequential")
      ->check(CLI::IsMember({"sequential", "interleaved", "random"}));
  sub.add_option("--seed", o.seed, "seed of the random order (recorded in the results, so that --seed N repeats it; default or 0: a new one)")
      ->check(CLI::Validator(
          [](const std::string& text) {  // CLI11 would wrap -1 and clamp 10^23 into an unsigned seed
            return whole_number<std::uint64_t>(text) ? std::string() : "'" + text + "' is not a whole number from 0 to 2^64-1";
          },
          "SEED"));
  sub.add_option("--baseline", o.baseline, "the strategy speedups are paired with")->capture_default_str();
  sub.add_option("--cpus", o.cpus, "pin the run and its children to these CPUs, e.g. 0-3,6")->check(non_empty_value());
  sub.add_option("--timeout", o.timeout_s, "fail a repetition after this many seconds (default: a minute + 0.5 s per megapixel of input)")
      ->check(positive_seconds());
  sub.add_option("--save-every", o.save_every_s,
                 "within a round, check the finished repetitions and write the results at least this often, in seconds "
                 "(default 300; 0: after every case)")
      ->check(finite_range(0.0, harness::kMostSeconds));
}

// What the run writes (its results, written back to --resume's file without --out, and the
// exports) is none of what it reads, nor twice the same file.
// The catalog and the clips it caches count too (found 5 December 2026 by a hostile-input sweep:
// `--out` over the catalog, or an export over a cached clip, replaced it with exit 0).
void check_written_files(const harness::ExperimentConfig& config, const harness::RunOptions& o, const ExportPaths& exports,
                         const datasets::Catalog& catalog) {
  std::vector<NamedFile> inputs = {{config.path, "the config"}};
  inputs.push_back({catalog.file(), "the dataset catalog"});
  const auto cache = datasets::default_cache_dir();
  for (const auto& dataset : config.matrix.dataset)
    for (auto& file : datasets::files_read_for(dataset, catalog, cache)) inputs.push_back(std::move(file));
  const NamedFile results = o.out.empty() ? NamedFile{o.resume, "--resume (the results are written back to it)"} : NamedFile{o.out, "--out"};
  check_distinct_files({results, {exports.markdown, "--export-markdown"}, {exports.csv, "--export-csv"}}, inputs);
}

// The table a run ends with is its results file's, then the warnings.
void show_run_summary(const std::filesystem::path& results, const std::vector<std::string>& warnings) {
  print_results_table(results);
  for (const auto& w : warnings) fmt::print("warning: {}\n", w);
}

// Every rank runs the config on its own host; rank 0's results file gathers them (harness/fleet.hpp).
int run_fleet(const harness::ExperimentConfig& config, const std::vector<harness::Case>& cases, harness::RunOptions options) {
  mpi::World* world = mpi::World::current();
  if (!world) {
    const auto why = mpi::build_unavailable_reason();
    throw InputError(fmt::format("--fleet: {}", why.empty() ? "not started as MPI ranks (mpirun --map-by ppr:1:node -np HOSTS framebench run CONFIG --fleet)" : why));
  }
  const std::chrono::milliseconds silence_limit = std::chrono::seconds(config.options.rank_timeout_s);
  harness::open_fleet_links(*world, silence_limit);
  if (world->rank() != 0) {
    // Whatever goes wrong here, rank 0 is told: it waits for every host that still beats.
    std::optional<ScratchDir> scratch;
    std::string error;
    try {
      const harness::FleetHeartbeat alive(*world, silence_limit);
      scratch.emplace("framebench-fleet");
      options.out = *scratch / "result.json";
      harness::run_experiment(config, cases, options);
    } catch (const std::exception& e) {
      error = e.what();
    }
    // Stopped by a signal, maybe this host's alone: rank 0 is still told, however long it takes to
    // read (a send gives up at a signal otherwise, and rank 0 then records the host as lost).
    std::optional<FinishingDespiteSignals> telling;
    if (interrupt_signal()) telling.emplace();
    harness::send_fleet_result(*world, options.out, error);
    return error.empty() ? 0 : 1;
  }
  // Stopped (Ctrl-C, SIGTERM): the hosts still running end with the job, not after it (MPI_Finalize
  // would wait for their whole runs; found 6 December 2026 by a scale-out sweep).
  const auto ending_the_job_if_stopped = [world](const auto& step) {
    try {
      return step();
    } catch (const Interrupted& e) {
      world->abort_on_exit(128 + e.signal());
      throw;
    }
  };
  harness::RunOutcome outcome;
  try {
    outcome = ending_the_job_if_stopped([&] { return harness::run_experiment(config, cases, options); });
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception&) {
    const ScratchDir scratch("framebench-fleet");  // the other hosts' results still arrive; nowhere to keep them
    std::ofstream(scratch / "none.json") << R"({"context": {}, "benchmarks": []})";
    ending_the_job_if_stopped([&] { return harness::gather_fleet(*world, scratch / "none.json", silence_limit); });
    throw;
  }
  const auto failures = ending_the_job_if_stopped([&] { return harness::gather_fleet(*world, outcome.results_file, silence_limit); });
  fmt::print("\nfleet of {} host(s): {} case(s) run here, {} failed, {} skipped\n", world->size(), outcome.cases_run,
             outcome.cases_failed, outcome.cases_unavailable + outcome.cases_unsupported + outcome.cases_input_refused);
  for (const auto& f : failures) fmt::print(stderr, "framebench: fleet: rank {} on {} failed: {}\n", f.rank, f.host, f.error);
  fmt::print("results of every host: {}\n", one_printable_line(outcome.results_file.string()));
  return outcome.cases_failed || !failures.empty() ? 1 : 0;
}

}  // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("run", "Run an experiment config: every case timed, verified, written to results JSON");
  struct Args {
    std::string config;
    harness::RunOptions options;
    bool dry_run = false, list_cases = false, fleet = false, baseline_given = false;
    std::string pixel_format;  // empty: the config's matrix.pixel_format
    ExportPaths exports;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("config", args->config, "experiment file, e.g. configs/quick.toml")->required()->check(non_empty_path());
  sub->add_option("--filter", args->options.filter, "run only cases whose name matches this regular expression");
  sub->add_option("--pixel-format", args->pixel_format, std::string(kPixelFormatHelp) + "; replaces the config's matrix.pixel_format")
      ->check(non_empty_value());
  sub->add_option("--out", args->options.out, "results file (default results/<config>-<host>-<time>.json)")->check(non_empty_path());
  sub->add_option("--resume", args->options.resume,
                  "go on with an interrupted run of the same config (the same settings; comments and layout may differ): its "
                  "results file's repetitions are kept, the rest run (written back to it unless --out)")
      ->check(non_empty_path());
  sub->add_flag("--benchmark-console", args->options.benchmark_console,
                "also print Google Benchmark's console table (every counter of every repetition)");
  add_measure_options(*sub, args->options);
  sub->add_flag("--run-once", args->options.run_once,
                "one timed repetition per case and no warm-up, for a profiler run around framebench (nsys, ncu)")
      ->excludes("--repetitions")
      ->excludes("--min-repetitions")
      ->excludes("--max-repetitions");
  sub->add_flag("--dry-run", args->dry_run, "say what would run, how long it is likely to take and why, and what would be skipped; measure nothing");
  sub->add_flag("--list-cases", args->list_cases, "print the names of the cases that would run, one per line (for --filter)")
      ->excludes(sub->get_option("--dry-run"));
  sub->add_flag("--fleet", args->fleet,
                "under mpirun with one rank per host: every host runs the config, rank 0's results file holds them all")
      ->excludes(sub->get_option("--resume"));  // a results file is one host's: the others' repetitions cannot go on from it
  add_export_options(*sub, args->exports);
  sub->callback([&action, args, sub] {
    args->baseline_given = sub->get_option("--baseline")->count() > 0;
    action = [args] {
      auto config = harness::load_config(args->config);
      if (!args->pixel_format.empty()) config.matrix.pixel_format = {pixel_format_option(args->pixel_format)};
      // What a run would refuse, a dry run and a case list refuse too.
      const auto catalog = datasets::Catalog::load_default();
      // Pinned before anything starts a thread or a child, and before the cases are made, so that
      // workers past the pinned cores are skipped and a dry run says so (found 5 December 2026 by
      // a hostile-input sweep: `--cpus 0` ran workers:2 on one CPU, and --dry-run ignored --cpus).
      if (!args->options.cpus.empty()) harness::pin_to_cpus(args->options.cpus);
      // A fleet's host says its own through the fleet's protocol (rank 0 is told of every failure).
      // Matched once: a filter's search runs in a child process with a time limit (core/name_filter.hpp).
      const auto cases = harness::matching_cases(config, args->options);
      if (!args->fleet) harness::check_datasets_known(config, cases, catalog);
      try {
        strategies::strategy(args->options.baseline);
      } catch (const InputError& e) {
        throw InputError(fmt::format("--baseline: {}", e.what()));
      }
      // Asked for, a baseline no case runs would leave every speedup empty without a word.
      const auto& strategies_run = config.matrix.strategy;
      if (args->baseline_given && std::find(strategies_run.begin(), strategies_run.end(), args->options.baseline) == strategies_run.end())
        throw InputError(fmt::format("--baseline {}: {} runs no case of it, so no speedup could be paired with it; its strategies: {}",
                                     args->options.baseline, config.path.string(), fmt::join(strategies_run, ", ")));
      // A file resumed is one `summary` would read: the reader's rules, not a second set (found
      // 5 December 2026 by a hostile-input sweep: negative stage times and a duplicated entry were
      // resumed, pooled and written back). A dry run refuses it as the run would.
      if (!args->options.resume.empty()) try {
          harness::refuse_fleet_results(args->options.resume);
          reports::load_result_file(args->options.resume);
        } catch (const InputError& e) {
          throw InputError(fmt::format("--resume: {}", e.what()));
        }
      if (args->list_cases || args->dry_run) {
        if (args->list_cases)
          print_case_list(config, cases, args->options.filter);
        else
          print_dry_run(config, cases, args->options);
        return 0;
      }
      check_written_files(config, args->options, args->exports, catalog);
      args->options.fleet = args->fleet;
      args->options.show_summary = show_run_summary;
      if (args->fleet) return run_fleet(config, cases, args->options);
      TableExports exports(args->exports);
      const auto outcome = harness::run_experiment(config, cases, args->options);
      fmt::print("\n{} case(s) run, {} failed, {} unavailable here{}{}\nresults: {}\n", outcome.cases_run, outcome.cases_failed,
                 outcome.cases_unavailable,
                 outcome.cases_unsupported ? fmt::format(", {} their strategy cannot do", outcome.cases_unsupported) : std::string(),
                 outcome.cases_input_refused ? fmt::format(", {} not possible with their input", outcome.cases_input_refused) : std::string(),
                 one_printable_line(outcome.results_file.string()));
      exports.write(outcome.results_file);
      return outcome.cases_failed ? 1 : 0;
    };
  });
}

}  // namespace framebench::cli
