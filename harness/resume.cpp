#include "harness/resume.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <nlohmann/json.hpp>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/stages.hpp"
#include "core/toml_reader.hpp"
#include "harness/environment.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/result_replay.hpp"

namespace framebench::harness {

namespace {
using nlohmann::json;

// The inverse of result_replay's set_repetition_counters. A value no run writes is refused, naming
// it: the run would go on from it and write back a file its own readers refuse (found
// 5 December 2026 by a hostile-input sweep: wall_s 0, frames -30, round 2^31 - 1, which overflowed).
Repetition repetition_from(const json& entry) {
  const auto counter = [&](const char* name, double low = 0, double high = 1e15) {
    const double v = entry.at(name).get<double>();
    if (!(v >= low && v <= high))
      throw InputError(fmt::format("benchmarks entry '{}': {} {} is not a value a run writes (from {} to {})",
                                   entry.value("name", std::string("?")), name, v, low, high));
    return v;
  };
  Repetition r;
  Measurement& m = r.measurement;
  m.wall_s = counter("wall_s", 1e-9);
  m.cpu_s = counter("cpu_s");
  m.peak_rss_bytes = static_cast<std::int64_t>(counter("peak_rss_bytes"));
  m.report.frames = static_cast<std::int64_t>(counter("frames", 1));
  m.report.frames_discarded = static_cast<std::int64_t>(counter("frames_discarded"));
  m.report.scratch_bytes = static_cast<std::int64_t>(counter("scratch_bytes"));
  if (entry.contains("output_bytes")) m.output_bytes = static_cast<std::int64_t>(counter("output_bytes", 1));  // since 7 December 2026
  if (entry.contains("chunks")) {
    m.report.chunks = static_cast<std::int64_t>(counter("chunks"));
    m.report.chunk_frames_min = static_cast<std::int64_t>(counter("chunk_frames_min"));
    m.report.chunk_frames_max = static_cast<std::int64_t>(counter("chunk_frames_max"));
  }
  for (const Stage stage : kAllStages)
    if (const auto key = fmt::format("{}_s", stage_name(stage)); entry.contains(key))
      m.report.stages[std::string(stage_name(stage))] = entry.at(key).get<double>();
  // The strategy's own counters and label (mpi-segments' ranks and bytes, a peer's filter), which
  // the readers of the file need on every entry (found 6 December 2026 by a sweep of resume: the
  // kept repetitions lost them, and scale-model then refused the file).
  for (const auto& [name, value] : entry.items())
    if (value.is_number() && !is_harness_counter(name)) m.report.counters[name] = value.get<double>();
  m.report.label = entry.value("label", std::string());
  if (entry.contains("gpu_samples")) {
    GpuRepetitionClocks g;
    g.samples = static_cast<int>(counter("gpu_samples"));
    g.busy_samples = static_cast<int>(counter("gpu_busy_samples"));
    g.sm_mhz_min = counter("gpu_sm_mhz_min");
    g.sm_mhz_mean = counter("gpu_sm_mhz_mean");
    g.memory_mhz_min = counter("gpu_memory_mhz_min");
    g.temperature_c_max = counter("gpu_temperature_c_max", -300, 1e4);
    g.power_w_max = counter("gpu_power_w_max");
    g.throttle_reasons = static_cast<std::uint64_t>(counter("gpu_throttle_reasons", 0, 1.8e19));
    g.throttled = counter("gpu_throttled", 0, 1) != 0;
    r.gpu = g;
  }
  r.round = static_cast<int>(counter("round", 1, 1e6));
  r.sequence = static_cast<int>(counter("sequence", 1, 1e9));
  r.load.others_cpu = counter("others_cpu_share", 0, 100);
  r.load.steal = counter("steal_share", 0, 100);
  return r;
}

// Only verified repetitions are ever written, so one entry tells how the case verified.
VerificationResult verification_from(const json& entry) {
  VerificationResult v;
  v.verified = true;
  v.mode = entry.contains("psnr_db") ? VerifyMode::psnr : VerifyMode::exact;
  if (v.mode == VerifyMode::psnr) v.min_psnr_db = entry.at("psnr_db").get<double>();
  return v;
}

// "e2e/.../workers:2/iterations:1/repeats:3/manual_time" -> "e2e/.../workers:2", the CaseRun's
// name: the parts Google Benchmark appends are dropped (as the reports drop them).
std::string case_name_of(const json& entry) {
  const std::string name = entry.at("name").get<std::string>();
  std::string out;
  for (std::size_t start = 0; start <= name.size();) {
    const auto end = std::min(name.find('/', start), name.size());
    const std::string_view part(name.data() + start, end - start);
    if (!is_run_setting(part)) {
      if (!out.empty()) out += '/';
      out += part;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

namespace {

// The first setting of `config` that differs from the copy of it a results file holds; empty
// when they say the same. Where the copy is missing or unreadable, "" is not said: why not is.
std::optional<std::string> changed_setting(const json& context, const ExperimentConfig& config, const std::filesystem::path& file) {
  try {
    return first_difference(parse_toml(context.value("config_text", ""), file), parse_toml(config.text, config.path));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A fleet's file holds the other hosts' results too, which a run writing it back would drop
// (found 6 December 2026 by a sweep of resume: every other host's results were gone, exit 0).
InputError fleet_results_refused(const std::filesystem::path& file) {
  return InputError(fmt::format("{}: a fleet run's results (every host's), which --resume cannot go on with: run the fleet again "
                                "into another file",
                                file.string()));
}

}  // namespace

void refuse_fleet_results(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return;  // its reader says what is wrong
  const std::string text = read_text_file(file, "results file to resume");
  if (text.find("\"fleet\"") == std::string::npos) return;
  const json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_object() && root.contains("fleet")) throw fleet_results_refused(file);
}

PreviousRun load_previous_run(const std::filesystem::path& file, const ExperimentConfig& config) {
  const std::string text = read_text_file(file, "results file to resume");
  PreviousRun previous;
  try {
    const json root = json::parse(text);
    if (const std::string kind = root.at("context").value("kind", "e2e"); kind != "e2e")
      throw InputError(fmt::format("{}: holds {} results, not a run's, cannot resume it", file.string(), kind));
    const std::string hash = root.at("context").value("config_hash", "");
    // Hashes that differ for the same settings (a file of an earlier framebench, which hashed the
    // text) are the same config; a changed one is said by its first setting changed.
    const auto changed = hash == config.hash ? std::string() : changed_setting(root.at("context"), config, file);
    if (!changed || !changed->empty())
      throw InputError(fmt::format("{}: made with another config: {} (hash '{}', now '{}'), cannot resume it; run it afresh, or "
                                   "resume with the config as it was",
                                   file.string(),
                                   changed ? fmt::format("{}'s setting '{}' has changed since", config.path.string(), *changed)
                                           : fmt::format("{}'s settings have changed since", config.path.string()),
                                   hash, config.hash));
    for (const auto& [key, value] : root.at("context").items())
      if (key.starts_with("dataset:") && value.is_string()) previous.dataset_sha256[key.substr(8)] = value.get<std::string>();
    const json& context = root.at("context");
    previous.host = context.value("host_name", "");
    previous.build = build_text(context.value("framebench_version", "?"), context.value("framebench_git_commit", "?"),
                                context.value("framebench_build_type", "?"));
    previous.cores = context.value("cpu_cores_available", "");
    if (root.contains("fleet")) throw fleet_results_refused(file);  // read and parsed already
    for (const json& entry : root.at("benchmarks")) {
      if (entry.value("run_type", "") != "iteration" || entry.value("error_occurred", false)) continue;
      auto& c = previous.cases[case_name_of(entry)];
      c.repetitions.push_back(repetition_from(entry));
      c.verification = verification_from(entry);
    }
  } catch (const json::exception& e) {
    throw InputError(fmt::format("{}: not a framebench run's results ({})", file.string(), e.what()));
  } catch (const InputError& e) {
    if (std::string_view(e.what()).starts_with(file.string() + ":")) throw;
    throw InputError(fmt::format("{}: {}", file.string(), e.what()));
  }
  return previous;
}

void check_same_machine(const PreviousRun& previous, const std::filesystem::path& file, const std::string& host) {
  if (!previous.host.empty() && previous.host != host)
    throw InputError(fmt::format("{}: ran on host '{}', this is '{}': repetitions of two machines cannot be pooled, cannot resume it",
                                 file.string(), previous.host, host));
  // Another build, or other cores (--cpus; `workers = 0` is all of them), measures other work:
  // pooled, the file recorded only the new one (found 6 December 2026 by a sweep of resume).
  if (const auto build = this_build_text(); previous.build != build)
    throw InputError(fmt::format("{}: measured by framebench {}, this is {}: repetitions of two builds cannot be pooled, cannot "
                                 "resume it",
                                 file.string(), previous.build, build));
  if (const auto cores = std::to_string(CoreBudget::available()); !previous.cores.empty() && previous.cores != cores)
    throw InputError(fmt::format("{}: measured with {} cores to use, this run has {} (--cpus): repetitions of two core counts cannot "
                                 "be pooled, cannot resume it",
                                 file.string(), previous.cores, cores));
}

void check_same_inputs(const PreviousRun& previous, const std::filesystem::path& file,
                       const std::map<std::string, std::string>& dataset_sha256, const std::string& host) {
  check_same_machine(previous, file, host);
  for (const auto& [label, sha256] : dataset_sha256) {
    const auto it = previous.dataset_sha256.find(label);
    if (it != previous.dataset_sha256.end() && it->second != sha256)
      throw InputError(fmt::format("{}: dataset '{}' is not the file it measured (sha256 {}, now {}), cannot resume it", file.string(),
                                   label, it->second.substr(0, 12), sha256.substr(0, 12)));
  }
}

void resume_case(CaseRun& run, const PreviousRun& previous) {
  const auto it = previous.cases.find(run.spec.name());
  if (it == previous.cases.end()) return;
  run.repetitions = it->second.repetitions;
  run.verification = it->second.verification;
  // The warm-up stays: this is a new process, cold for the case whatever the earlier one did.
}

}  // namespace framebench::harness
