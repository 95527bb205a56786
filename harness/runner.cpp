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
#include "core/stages.hpp"
#include "core/subprocess.hpp"
#include "datasets/catalog.hpp"
#include "harness/benchmark_session.hpp"
#include "harness/case_matrix.hpp"
#include "harness/environment.hpp"
#include "harness/measurement.hpp"
#include "harness/output_path.hpp"
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
  for (const Stage stage : kCpuStages) c[fmt::format("{}_s", stage_name(stage))] = 0;
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

std::optional<std::regex> compile_filter(const std::string& pattern) {
  if (pattern.empty()) return std::nullopt;
  try {
    return std::regex(pattern, std::regex::extended);
  } catch (const std::regex_error& e) {
    throw InputError(fmt::format("--filter '{}': not a valid regular expression ({})", pattern, e.what()));
  }
}

// The cases to run, with their datasets resolved and probed first, so that bad input fails
// before anything runs; and the cases this machine or strategy cannot serve, with the reason.
struct Selection {
  std::vector<const Case*> cases;
  std::map<std::string, datasets::DatasetRecord> records;
  std::map<std::string, media::VideoInfo> infos;
  nlohmann::json unavailable = nlohmann::json::array();
};

Selection select_cases(const std::vector<Case>& cases, const std::optional<std::regex>& filter) {
  const auto catalog = datasets::Catalog::load_default();
  const auto cache = datasets::default_cache_dir();
  Selection out;
  for (const auto& c : cases) {
    if (filter && !std::regex_search(c.name(), *filter)) continue;
    if (!c.unavailable_reason.empty()) {
      out.unavailable.push_back({{"case", c.name()}, {"reason", c.unavailable_reason}});
      std::fprintf(stderr, "skipping %s: %s\n", c.name().c_str(), c.unavailable_reason.c_str());
      continue;
    }
    out.cases.push_back(&c);
    if (!out.records.contains(c.dataset)) {
      out.records[c.dataset] = datasets::resolve_dataset(c.dataset, catalog, cache);
      out.infos[c.dataset] = media::probe(out.records[c.dataset].path);
    }
  }
  return out;
}

void add_run_context(BenchmarkSession& session, const ExperimentConfig& config, const Selection& selection) {
  session.add_config({config.name, config.description, config.path, config.hash, config.text});
  session.add_context("verify_mode", to_string(config.verify.mode));
  session.add_context("min_psnr_db", fmt::format("{}", config.verify.min_psnr_db));
  session.add_context("warmup", std::to_string(config.warmup));
  session.add_context("unavailable", selection.unavailable.dump());
  for (const auto& [name, record] : selection.records) {
    session.add_context(fmt::format("dataset:{}", dataset_label(name)), record.sha256);
    if (!record.frames_digest.empty())
      session.add_context(fmt::format("dataset_frames:{}", dataset_label(name)), record.frames_digest);
  }
}

std::unique_ptr<CaseState> make_case_state(const Case& c, const ExperimentConfig& config, const Selection& selection,
                                           const ScratchDir& scratch, int index) {
  auto s = std::make_unique<CaseState>();
  s->spec = c;
  s->verify = config.verify;
  s->warmup = config.warmup;
  s->index = index;
  s->total = static_cast<int>(selection.cases.size());
  auto& job = s->job;
  job.input = selection.records.at(c.dataset).path;
  job.input_info = selection.infos.at(c.dataset);
  job.output = scratch / fmt::format("case-{}.{}", index, output_extension(c.encoder));
  job.kernel = c.kernel;
  job.encoder = c.encoder;
  job.workers = c.resolved_workers();
  job.options = config.options;
  job.scratch_parent = scratch.path();
  return s;
}

void register_case(CaseState& s) {
  CaseState* raw = &s;
  benchmark::RegisterBenchmark(s.spec.name().c_str(), [raw](benchmark::State& state) { run_case(state, *raw); })
      ->UseManualTime()
      ->Iterations(1)
      ->Repetitions(s.repetitions)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace

RunOutcome run_experiment(const ExperimentConfig& config, const RunOptions& options) {
  const auto cases = expand_matrix(config);
  const auto filter = compile_filter(options.filter);
  const int repetitions = options.repetitions.value_or(config.repetitions);
  if (repetitions < 1) throw InputError("--repetitions must be at least 1");
  const Selection selection = select_cases(cases, filter);
  if (selection.cases.empty())
    throw InputError(fmt::format("{}: no case to run{}", config.path.string(), filter ? " matches --filter" : ""));

  RunOutcome outcome;
  outcome.cases_unavailable = static_cast<int>(selection.unavailable.size());
  outcome.results_file = options.out.empty() ? default_results_path(config.name) : options.out;
  BenchmarkSession session("e2e", outcome.results_file);
  add_run_context(session, config, selection);
  ScratchDir scratch("framebench-run");
  std::vector<std::unique_ptr<CaseState>> states;
  for (const Case* c : selection.cases) {
    states.push_back(make_case_state(*c, config, selection, scratch, static_cast<int>(states.size()) + 1));
    states.back()->repetitions = repetitions;
    register_case(*states.back());
  }
  session.run(options.benchmark_console);
  session.commit();

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
