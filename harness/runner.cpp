#include "harness/runner.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "datasets/catalog.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/case_matrix.hpp"
#include "harness/environment.hpp"
#include "harness/measurement.hpp"
#include "harness/output_path.hpp"
#include "harness/benchmark_init.hpp"
#include "harness/quiet_reporter.hpp"
#include "harness/summary.hpp"
#include "harness/verification.hpp"
#include "media/probe.hpp"

namespace framebench::harness {

namespace {

// Everything one registered case needs across its repetitions.
struct CaseState {
  Case spec;
  strategies::Job job;
  VerifySettings verify;
  int warmup = 0;
  int index = 0;
  int total = 0;
  int repetitions = 0;
  int repetition = 0;
  bool warmed = false;
  std::optional<VerificationResult> verification;
  std::vector<double> fps;  // one per timed repetition
  std::string error;        // non-empty once the case has failed
};

void report_progress(const CaseState& s, const Measurement* m) {
  if (m) {
    std::fprintf(stderr, "[%d/%d] %s  rep %d/%d  %.3f s  %.1f fps  %s\n", s.index, s.total, s.spec.name().c_str(), s.repetition,
                 s.repetitions, m->wall_s, m->fps(),
                 s.verification ? (s.verification->verified ? "verified" : "NOT VERIFIED") : "");
  } else {
    std::fprintf(stderr, "[%d/%d] %s  FAILED: %s\n", s.index, s.total, s.spec.name().c_str(), s.error.c_str());
  }
}

void set_counters(benchmark::State& state, const CaseState& s, const Measurement& m) {
  auto& c = state.counters;
  c["fps"] = m.fps();
  c["frames"] = static_cast<double>(m.report.frames);
  c["frames_discarded"] = static_cast<double>(m.report.frames_discarded);
  c["wall_s"] = m.wall_s;
  c["workers"] = s.job.workers;
  for (const char* stage : {"decode", "filter", "encode", "transfer", "merge"}) c[fmt::format("{}_s", stage)] = 0;
  for (const auto& [stage, seconds] : m.report.stages) c[fmt::format("{}_s", stage)] = seconds;
  c["cpu_s"] = m.cpu_s;
  c["peak_rss_bytes"] = static_cast<double>(m.peak_rss_bytes);
  c["scratch_bytes"] = static_cast<double>(m.report.scratch_bytes);
  c["verified"] = s.verification && s.verification->verified ? 1 : 0;
  if (s.verification && s.verification->mode == VerifyMode::psnr)
    c["psnr_db"] = std::isinf(s.verification->min_psnr_db) ? 100.0 : s.verification->min_psnr_db;
}

void run_case(benchmark::State& state, CaseState& s) {
  ++s.repetition;
  if (!s.error.empty()) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  try {
    if (s.repetition == 1) s.spec.strategy->check(s.job);
    for (; !s.warmed && s.warmup > 0; --s.warmup) measure_run(*s.spec.strategy, s.job);
    s.warmed = true;
    Measurement m;
    for (auto _ : state) {
      m = measure_run(*s.spec.strategy, s.job);
      state.SetIterationTime(m.wall_s);
    }
    if (m.report.frames != s.job.input_info.frame_count)
      throw Error(fmt::format("wrote {} frames, the input has {}", m.report.frames, s.job.input_info.frame_count));
    if (!s.verification)
      s.verification = verify_output(s.job.input_info, s.job.output, s.job.kernel, s.job.encoder, s.verify, s.spec.strategy->bit_exact());
    if (!s.verification->verified) throw Error("did not verify: " + s.verification->message);
    set_counters(state, s, m);
    s.fps.push_back(m.fps());
    report_progress(s, &m);
  } catch (const std::exception& e) {
    s.error = e.what();
    report_progress(s, nullptr);
    state.SkipWithError(s.error.c_str());
  }
}

}  // namespace

RunOutcome run_experiment(const ExperimentConfig& config, const RunOptions& options) {
  const auto cases = expand_matrix(config);
  std::optional<std::regex> filter;
  if (!options.filter.empty()) {
    try {
      filter.emplace(options.filter, std::regex::extended);
    } catch (const std::regex_error& e) {
      throw InputError(fmt::format("--filter '{}': not a valid regular expression ({})", options.filter, e.what()));
    }
  }
  const int repetitions = options.repetitions.value_or(config.repetitions);
  if (repetitions < 1) throw InputError("--repetitions must be at least 1");

  // Resolve and probe every dataset first: bad input fails before anything runs.
  const auto catalog = datasets::Catalog::load_default();
  const auto cache = datasets::default_cache_dir();
  std::map<std::string, datasets::DatasetRecord> records;
  std::map<std::string, media::VideoInfo> infos;
  RunOutcome outcome;
  nlohmann::json unavailable = nlohmann::json::array();
  std::vector<const Case*> selected;
  for (const auto& c : cases) {
    if (filter && !std::regex_search(c.name(), *filter)) continue;
    if (!c.unavailable_reason.empty()) {
      unavailable.push_back({{"case", c.name()}, {"reason", c.unavailable_reason}});
      std::fprintf(stderr, "skipping %s: %s\n", c.name().c_str(), c.unavailable_reason.c_str());
      ++outcome.cases_unavailable;
      continue;
    }
    selected.push_back(&c);
    if (!records.contains(c.dataset)) {
      records[c.dataset] = datasets::resolve_dataset(c.dataset, catalog, cache);
      infos[c.dataset] = media::probe(records[c.dataset].path);
    }
  }
  if (selected.empty()) throw InputError(fmt::format("{}: no case to run{}", config.path.string(), filter ? " matches --filter" : ""));

  outcome.results_file = options.out.empty() ? default_results_path(config.name) : options.out;
  prepare_output_directory(outcome.results_file);
  AtomicFile results(outcome.results_file);
  ScratchDir scratch("framebench-run");

  for (const auto& [key, value] : collect_environment()) benchmark::AddCustomContext(key, value);
  benchmark::AddCustomContext("kind", "e2e");
  benchmark::AddCustomContext("config_name", config.name);
  benchmark::AddCustomContext("config_description", config.description);
  benchmark::AddCustomContext("config_path", config.path.string());
  benchmark::AddCustomContext("config_hash", config.hash);
  benchmark::AddCustomContext("config_text", config.text);
  benchmark::AddCustomContext("verify_mode", to_string(config.verify.mode));
  benchmark::AddCustomContext("min_psnr_db", fmt::format("{}", config.verify.min_psnr_db));
  benchmark::AddCustomContext("warmup", std::to_string(config.warmup));
  benchmark::AddCustomContext("unavailable", unavailable.dump());
  for (const auto& [name, record] : records) {
    benchmark::AddCustomContext(fmt::format("dataset:{}", dataset_label(name)), record.sha256);
    if (!record.frames_digest.empty())
      benchmark::AddCustomContext(fmt::format("dataset_frames:{}", dataset_label(name)), record.frames_digest);
  }

  std::vector<std::unique_ptr<CaseState>> states;
  for (const Case* c : selected) {
    auto s = std::make_unique<CaseState>();
    s->spec = *c;
    s->verify = config.verify;
    s->warmup = config.warmup;
    s->index = static_cast<int>(states.size()) + 1;
    s->total = static_cast<int>(selected.size());
    s->repetitions = repetitions;
    auto& job = s->job;
    job.input = records[c->dataset].path;
    job.input_info = infos[c->dataset];
    job.output = scratch / fmt::format("case-{}.{}", s->index, output_extension(c->encoder));
    job.kernel = c->kernel;
    job.encoder = c->encoder;
    job.workers = c->resolved_workers();
    job.options = config.options;
    job.scratch_parent = scratch.path();
    CaseState* raw = s.get();
    benchmark::RegisterBenchmark(c->name().c_str(), [raw](benchmark::State& state) { run_case(state, *raw); })
        ->UseManualTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->Unit(benchmark::kMillisecond);
    states.push_back(std::move(s));
  }

  initialize_benchmark(results.temp_path());
  QuietReporter quiet;
  if (options.benchmark_console) benchmark::RunSpecifiedBenchmarks();
  else benchmark::RunSpecifiedBenchmarks(&quiet);
  benchmark::ClearRegisteredBenchmarks();
  benchmark::Shutdown();
  make_strict_json_file(results.temp_path());
  results.commit();

  std::vector<SummaryRow> rows;
  for (const auto& s : states) {
    ++outcome.cases_run;
    if (!s->error.empty()) ++outcome.cases_failed;
    rows.push_back({s->spec.strategy->name(), dataset_label(s->spec.dataset), s->spec.kernel.name, s->spec.encoder.name,
                    s->job.workers, s->fps, s->error.empty() && s->verification && s->verification->verified, s->error});
  }
  print_summary(rows);
  return outcome;
}

}  // namespace framebench::harness
