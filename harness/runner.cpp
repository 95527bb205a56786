#include "harness/runner.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/name_filter.hpp"
#include "core/scratch_dir.hpp"
#include "core/stages.hpp"
#include "core/status_line.hpp"
#include "core/subprocess.hpp"
#include "datasets/catalog.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/benchmark_session.hpp"
#include "harness/case_matrix.hpp"
#include "harness/environment.hpp"
#include "harness/case_run.hpp"
#include "harness/case_statistics.hpp"
#include "harness/machine_state.hpp"
#include "harness/measurement_policy.hpp"
#include "harness/result_replay.hpp"
#include "harness/resume.hpp"
#include "harness/rounds.hpp"
#include "harness/output_path.hpp"
#include "harness/run_warnings.hpp"
#include "harness/verification.hpp"
#include "media/interlacing.hpp"
#include "media/probe.hpp"
#include "media/versions.hpp"

namespace framebench::harness {

namespace {

// The job of case `c` on its dataset, writing `output`.
strategies::Job case_job(const Case& c, const ExperimentConfig& config, const datasets::DatasetRecord& record, const media::VideoInfo& info,
                         const std::filesystem::path& output) {
  strategies::Job job;
  job.input = record.path;
  job.input_info = info;
  job.output = output;
  job.kernel = c.kernel;
  job.encoder = c.encoder;
  job.workers = c.resolved_workers();
  job.pixels = c.pixels;
  job.options = config.options;
  return job;
}

// The cases to run, with their datasets resolved and probed first, so that bad input fails
// before anything runs; and the cases this machine, strategy or input rules out, with the reason.
struct Selection {
  std::vector<const Case*> cases;
  std::map<std::string, datasets::DatasetRecord> records;
  std::map<std::string, media::VideoInfo> infos;
  std::map<std::string, std::optional<InputStamp>> stamps;  // each dataset as it was when hashed
  nlohmann::json unavailable = nlohmann::json::array();

  void skip(const Case& c, std::string_view scope, const std::string& reason) {
    unavailable.push_back({{"case", c.name()}, {"reason", reason}, {"scope", scope}});
  }
  // Said once the run is sure to go on: a run that cannot is refused in one line. Of many, the
  // first few (found 6 December 2026 by a sweep of large configs: 18,600 lines before any work).
  void say_skipped() const {
    constexpr std::size_t kSaid = 10;
    for (std::size_t i = 0; i < unavailable.size() && i < kSaid; ++i) {
      const auto& u = unavailable[i];
      StatusLine::standard_error().print(fmt::format("skipping {} ({}): {}", u.at("case").get<std::string>(),
                                                     scope_text(u.at("scope").get<std::string>(), "this"), u.at("reason").get<std::string>()));
    }
    if (unavailable.size() > kSaid)
      StatusLine::standard_error().print(
          fmt::format("skipping {} more cases (the results file lists each under \"unavailable\", with why)", unavailable.size() - kSaid));
  }
};

Selection select_cases(const std::vector<Case>& cases, const ExperimentConfig& config) {
  const auto catalog = datasets::Catalog::load_default();
  const auto cache = datasets::default_cache_dir();
  Selection out;
  std::string first_refusal;  // "<case>: <why>" of the first case its input rules out
  for (const auto& c : cases) {
    if (!c.unavailable_reason.empty()) {
      out.skip(c, c.unavailable_scope, c.unavailable_reason);
      continue;
    }
    if (!out.records.contains(c.dataset)) {
      out.records[c.dataset] = datasets::resolve_dataset(c.dataset, catalog, cache, config.path.parent_path());
      out.stamps[c.dataset] = InputStamp::of(out.records[c.dataset].path);
      out.infos[c.dataset] = media::probe(out.records[c.dataset].path);
      if (const auto warning = media::interlaced_warning(out.infos[c.dataset]); !warning.empty())
        StatusLine::standard_error().warn(warning);
    }
    // A combination the matrix makes that this input rules out (an encoder that cannot take its
    // size or pixel format) is skipped as the machine's and strategies' limits are, not failed
    // (found 6 December 2026: mjpeg beside pixel_format "native" failed the whole run).
    const auto job = case_job(c, config, out.records[c.dataset], out.infos[c.dataset], fmt::format("case.{}", output_extension(c.encoder)));
    std::string why;
    try {
      why = input_refusal(*c.strategy, job, config.verify.mode);
    } catch (const Error&) {  // the trial itself failed (a full scratch disk): the case fails on its own, as before
    }
    if (!why.empty()) {
      out.skip(c, kInputScope, why);
      if (first_refusal.empty()) first_refusal = fmt::format("{}: {}", c.name(), why);
      continue;
    }
    out.cases.push_back(&c);
  }
  if (out.cases.empty() && !first_refusal.empty())
    throw InputError(fmt::format("{}: no case can run: {}", config.path.string(), first_refusal));
  out.say_skipped();
  return out;
}

void add_run_context(BenchmarkSession& session, const ExperimentConfig& config, const Selection& selection) {
  session.add_config(config);
  session.add_context("verify_mode", to_string(config.verify.mode));
  session.add_context("min_psnr_db", fmt::format("{}", config.verify.min_psnr_db));
  session.add_context("warmup", std::to_string(config.warmup));
  session.add_context("unavailable", selection.unavailable.dump());
  // Only where a case runs it: asking costs the run's start about 60 ms (found 7 December 2026 in
  // scripts/wall-overhead).
  if (std::any_of(selection.cases.begin(), selection.cases.end(), [](const Case* c) { return c->strategy->runs_ffmpeg_program(); }))
    session.add_context("ffmpeg_program", media::ffmpeg_program());
  for (const auto& [name, record] : selection.records) {
    session.add_context(fmt::format("dataset:{}", dataset_label(name)), record.sha256);
    if (!record.frames_digest.empty())
      session.add_context(fmt::format("dataset_frames:{}", dataset_label(name)), record.frames_digest);
  }
}

CaseRun make_case_run(const Case& c, const ExperimentConfig& config, const MeasurementPolicy& policy, const Selection& selection,
                      const ScratchDir& scratch, int index) {
  CaseRun run;
  run.spec = c;
  run.verify = config.verify;
  run.warmup = config.warmup;
  run.index = index;
  run.total = static_cast<int>(selection.cases.size());
  auto& job = run.job;
  job = case_job(c, config, selection.records.at(c.dataset), selection.infos.at(c.dataset),
                 scratch / fmt::format("case-{}.{}", index, output_extension(c.encoder)));
  job.scratch_parent = scratch.path();
  run.input_stamp = selection.stamps.at(c.dataset);
  run.timeout_s = policy.repetition_timeout(job.input_info.frame_count, job.input_info.width, job.input_info.height);
  return run;
}

}  // namespace

// The config's measurement policy with `run`'s flags applied.
MeasurementPolicy effective_policy(const ExperimentConfig& config, const RunOptions& options) {
  MeasurementPolicy p = config.measure;
  // The bounds would quietly become another exact count (found 6 December 2026 by a documentation
  // walk-through: --min-repetitions 3 ran exactly 3), as the config refuses repetitions beside them.
  if (config.repetitions && !options.repetitions && (options.min_repetitions || options.max_repetitions))
    throw InputError(fmt::format("--{}-repetitions: {} says repetitions = {} (exactly that many rounds); give --repetitions N instead, or "
                                 "remove repetitions from it to let the stopping rule decide",
                                 options.min_repetitions ? "min" : "max", config.path.string(), *config.repetitions));
  if (options.repetitions) p.min_repetitions = p.max_repetitions = *options.repetitions;  // exactly as many as asked
  if (options.run_once) p.min_repetitions = p.max_repetitions = 1;
  if (options.min_repetitions) p.min_repetitions = *options.min_repetitions;
  if (options.max_repetitions) p.max_repetitions = *options.max_repetitions;
  if (options.min_repetitions && !options.max_repetitions) p.max_repetitions = std::max(p.max_repetitions, p.min_repetitions);
  if (options.max_noise_pct) p.max_noise = *options.max_noise_pct / 100;
  if (options.max_time_s) p.max_time_s = *options.max_time_s;
  if (options.confidence_pct) p.confidence = *options.confidence_pct / 100;
  if (options.disturbed_pct) p.disturbed_share = *options.disturbed_pct / 100;
  if (options.timeout_s) p.timeout_s = *options.timeout_s;
  if (options.save_every_s) p.save_every_s = *options.save_every_s;
  if (options.order) p.order = parse_order(*options.order);
  if (options.seed) p.seed = *options.seed;
  if (options.seed && p.order != Order::random)  // it would be dropped without a word
    throw InputError(fmt::format("--seed: the order is {}, which takes no seed; add --order random", to_string(p.order)));
  if (!options.seed && config.measure.seed != 0 && p.order != Order::random)
    throw InputError(fmt::format("{}: measure.seed: the order is {}, which takes no seed; add order = \"random\"", config.path.string(),
                                 to_string(p.order)));
  if (p.order != Order::random) p.seed = 0;
  else if (p.seed == 0) p.seed = std::random_device{}() | 1;  // recorded, so the order can be replayed
  // Where the values came from, for the message (found 5 December 2026 by a hostile-input sweep:
  // "run: max_repetitions (1) is below min_repetitions (2)" named neither the option nor the file).
  p.check(fmt::format("{} ([measure], and the run's options)", config.path.string()));
  return p;
}

namespace {

void add_policy_context(BenchmarkSession& session, const MeasurementPolicy& p, const std::string& baseline) {
  session.add_context("order", to_string(p.order));
  session.add_context("seed", std::to_string(p.seed));
  session.add_context("min_repetitions", std::to_string(p.min_repetitions));
  session.add_context("max_repetitions", std::to_string(p.max_repetitions));
  session.add_context("max_noise", fmt::format("{}", p.max_noise));
  session.add_context("max_time_s", fmt::format("{}", p.max_time_s));
  session.add_context("confidence", fmt::format("{}", p.confidence));
  session.add_context("disturbed_share", fmt::format("{}", p.disturbed_share));
  session.add_context("baseline", baseline);
  session.add_context("timeout_s", p.timeout_s > 0 ? fmt::format("{}", p.timeout_s) : "from the input");
  session.add_context("save_every_s", fmt::format("{}", p.save_every_s));
}

std::vector<CaseFigures> case_figures(const std::vector<CaseRun>& runs, const std::vector<CaseStatistics>& stats) {
  std::vector<CaseFigures> out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    const std::string pixels = r.spec.pixels == PixelPath::native ? " (native)" : "";
    out.push_back({r.spec.strategy->name() + pixels, dataset_label(r.spec.dataset), r.spec.kernel.name, r.spec.encoder.name, r.job.workers,
                   stats[i], static_cast<int>(r.repetitions.size()), r.error});
  }
  return out;
}

void report_resumed(const std::vector<CaseRun>& runs, const std::filesystem::path& file) {
  int cases = 0, repetitions = 0;
  for (const auto& r : runs) {
    cases += !r.repetitions.empty();
    repetitions += static_cast<int>(r.repetitions.size());
  }
  std::fprintf(stderr, "resuming %s: %d repetitions of %d of the %zu cases kept\n", file.c_str(), repetitions, cases, runs.size());
}

// Whether the run's results go back into the file it resumes: no --out, or one naming that file.
bool writes_back_to_resume(const RunOptions& options) {
  if (options.resume.empty()) return false;
  std::error_code ec;
  return options.out.empty() || std::filesystem::equivalent(options.out, options.resume, ec);
}

}  // namespace

void check_within_repetitions(const PreviousRun& previous, const MeasurementPolicy& policy, const RunOptions& options) {
  for (const auto& entry : previous.cases) {  // not a structured binding: clang 14 cannot capture one
    const auto held = static_cast<int>(entry.second.repetitions.size());
    if (held > policy.max_repetitions)
      throw InputError(fmt::format("--resume {}: it holds {} repetitions of {}, more than the {} this run asks for at most; ask for {} "
                                   "or more (--repetitions, --max-repetitions)",
                                   options.resume.string(), held, entry.first, policy.max_repetitions, held));
  }
}

// Written back to the file it resumes, a run keeps only the cases it runs: one that --filter (or
// this machine) leaves out would lose the repetitions the file holds of them (found 5 December
// 2026 by a review of first use: `--resume r.json --filter tiny` dropped another dataset's cases).
void check_nothing_dropped(const PreviousRun& previous, const std::vector<Case>& cases, const RunOptions& options) {
  if (!writes_back_to_resume(options)) return;
  std::set<std::string> runs;  // named once: per kept case, a 12,000-case resume took 19 s
  for (const Case& c : cases)
    if (c.unavailable_reason.empty()) runs.insert(c.name());
  std::vector<std::string> dropped;
  for (const auto& [name, so_far] : previous.cases)
    if (!so_far.repetitions.empty() && !runs.contains(name)) dropped.push_back(name);
  if (dropped.empty()) return;
  throw InputError(fmt::format("--resume {}: it holds repetitions of {} case(s) this run leaves out ({}{}), which writing it back would "
                               "lose; give --out to write the resumed run elsewhere",
                               options.resume.string(), dropped.size(), dropped.front(), dropped.size() > 1 ? ", ..." : ""));
}

std::vector<Case> matching_cases(const ExperimentConfig& config, const RunOptions& options) {
  std::vector<Case> all = expand_matrix(config);
  // Without a filter too (found 6 December 2026 by a sweep of large configs: `workers = [0, 2]` on
  // two cores measured the same case twice unless --filter was given).
  if (options.filter.empty()) {
    mark_same_as_all_cores(all);
    return all;
  }
  // Each name as written (a kernel's '/' as %2F, as --list-cases shows it) and as the config
  // writes its values, so that a pattern of either kind matches.
  std::vector<std::string> names;
  for (const auto& c : all) names.push_back(c.name());
  for (std::size_t i = 0; i < all.size(); ++i) names.push_back(name_value(names[i]));
  const std::vector<bool> matches = names_matching(fmt::format("--filter '{}'", pattern_as_shown(options.filter)), options.filter, names);
  std::vector<Case> out;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (matches[i] || matches[all.size() + i]) out.push_back(std::move(all[i]));
  mark_same_as_all_cores(out);
  return out;
}

RunOutcome run_experiment(const ExperimentConfig& given, const std::vector<Case>& cases, const RunOptions& options) {
  // --run-once: each case runs exactly once, so a profiler wrapped around the run sees one of each.
  ExperimentConfig config = given;
  if (options.run_once) config.warmup = 0;
  const MachineStateSample machine_sample;  // taken while the cases and datasets are prepared, and the first warm-up runs
  const MeasurementPolicy policy = effective_policy(config, options);
  // Before any clip is made: what writing the file back would lose.
  const PreviousRun previous = options.resume.empty() ? PreviousRun{} : load_previous_run(options.resume, config);
  if (!options.resume.empty()) {
    check_same_machine(previous, options.resume, host_name());
    check_nothing_dropped(previous, cases, options);
    check_within_repetitions(previous, policy, options);
  }
  check_some_runnable(config, cases, options.filter);
  const Selection selection = select_cases(cases, config);
  if (!options.resume.empty()) {
    std::map<std::string, std::string> dataset_sha256;
    for (const auto& [name, record] : selection.records) dataset_sha256[dataset_label(name)] = record.sha256;
    check_same_inputs(previous, options.resume, dataset_sha256, host_name());
  }
  RunOutcome outcome;
  for (const auto& u : selection.unavailable) {
    const auto scope = u.at("scope").get<std::string>();
    if (scope == kStrategyScope) ++outcome.cases_unsupported;
    else if (scope == kInputScope) ++outcome.cases_input_refused;
    else if (scope == kMachineScope) ++outcome.cases_unavailable;
  }
  outcome.results_file = !options.out.empty() ? options.out : !options.resume.empty() ? options.resume : default_results_path(config.name);
  std::error_code exists_error;
  const bool replacing = !writes_back_to_resume(options) && std::filesystem::exists(outcome.results_file, exists_error);
  BenchmarkSession session("e2e", outcome.results_file);
  if (replacing) warn_replacing(outcome.results_file);  // once the file is ours (its lock); --resume writes its own back
  session.take_cpu_time_from("cpu_s");  // multi-process strategies' CPU is mostly their children's
  add_run_context(session, config, selection);
  ScratchDir scratch("framebench-run");
  std::vector<CaseRun> runs;
  for (const Case* c : selection.cases) {
    runs.push_back(make_case_run(*c, config, policy, selection, scratch, static_cast<int>(runs.size()) + 1));
    resume_case(runs.back(), previous);
  }
  if (!options.resume.empty()) report_resumed(runs, options.resume);

  const auto baselines = find_baselines(runs, options.baseline);
  std::vector<CaseStatistics> stats;
  // The results file is rewritten after every round: an interrupted run keeps what it measured.
  // An earlier file at --out stays until this run has something of its own to put in its place: a
  // run stopped in its first round, before any case completed a repetition or failed, would
  // replace it with cases that were "not run" (found 6 December 2026 by a fault sweep: SIGINT 4 s
  // into a run over a results file of 3 repetitions a case left a file with none).
  add_policy_context(session, policy, options.baseline);
  bool written = false;
  const auto anything_measured = [&] {
    return std::any_of(runs.begin(), runs.end(), [](const CaseRun& r) { return !r.repetitions.empty() || r.failed(); });
  };
  auto write_results = [&](bool console) {
    stats.clear();
    for (std::size_t i = 0; i < runs.size(); ++i)
      stats.push_back(case_statistics(runs[i], baselines[i] >= 0 ? &runs[baselines[i]] : nullptr, policy));
    if (replacing && !written && !anything_measured()) return;
    register_replays(runs, stats);
    session.run(console);
    session.commit();
    written = true;
  };
  std::optional<MachineState> machine;
  const auto finish_machine_sample = [&] {
    if (machine) return;
    machine = machine_sample.finish();
    for (const auto& [key, value] : machine->context()) session.add_context(key, value);
  };
  // The sample ends where the first timed repetition begins: every step but a warm-up follows it.
  run_rounds(runs, baselines, policy, [&] { write_results(false); }, [&](const CaseRun&, const std::string& step) {
    if (step != kWarmUpStep) finish_machine_sample();
  });
  finish_machine_sample();  // no case ran a step (all resumed, every case failed its check, or interrupted at once)
  write_results(options.benchmark_console);

  for (const auto& r : runs) {
    ++outcome.cases_run;
    if (r.failed()) ++outcome.cases_failed;
  }
  if (options.show_summary && written) options.show_summary(outcome.results_file, run_warnings(case_figures(runs, stats), policy, machine->warnings()));
  if (const int signal = interrupt_signal()) {
    if (!written)
      throw Interrupted(signal, fmt::format("{} not written: no repetition was completed, and the earlier file is as it was",
                                            outcome.results_file.string()));
    throw Interrupted(signal, options.fleet ? fmt::format("{} holds the repetitions completed", outcome.results_file.string())
                                            : fmt::format("{0} holds the repetitions completed; go on with: framebench run {1} --resume {0} "
                                                          "(and this run's other options)",
                                                          outcome.results_file.string(), config.path.string()));
  }
  return outcome;
}

}  // namespace framebench::harness
