#include "harness/result_replay.hpp"

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

#include "core/stages.hpp"

namespace framebench::harness {

namespace {

void set_repetition_counters(benchmark::State& state, const CaseRun& run, const Repetition& r) {
  const Measurement& m = r.measurement;
  auto& c = state.counters;
  c["fps"] = m.fps();
  c["frames"] = static_cast<double>(m.report.frames);
  c["frames_discarded"] = static_cast<double>(m.report.frames_discarded);
  c["wall_s"] = m.wall_s;
  c["workers"] = run.job.workers;
  for (const Stage stage : kCpuStages) c[fmt::format("{}_s", stage_name(stage))] = 0;
  for (const auto& [stage, seconds] : m.report.stages) c[fmt::format("{}_s", stage)] = seconds;
  c["cpu_s"] = m.cpu_s;
  c["peak_rss_bytes"] = static_cast<double>(m.peak_rss_bytes);
  c["scratch_bytes"] = static_cast<double>(m.report.scratch_bytes);
  if (m.output_bytes > 0) c["output_bytes"] = static_cast<double>(m.output_bytes);
  for (const auto& [name, value] : m.report.counters) c[name] = value;
  if (!m.report.label.empty()) state.SetLabel(m.report.label);
  if (m.report.chunks > 0) {
    c["chunks"] = static_cast<double>(m.report.chunks);
    c["chunk_frames_min"] = static_cast<double>(m.report.chunk_frames_min);
    c["chunk_frames_max"] = static_cast<double>(m.report.chunk_frames_max);
  }
  c["verified"] = run.verification && run.verification->verified ? 1 : 0;
  if (run.verification && run.verification->mode == VerifyMode::psnr)
    c["psnr_db"] = std::isinf(run.verification->min_psnr_db) ? 100.0 : run.verification->min_psnr_db;
  c["round"] = r.round;
  c["sequence"] = r.sequence;
  c["others_cpu_share"] = r.load.others_cpu;
  c["steal_share"] = r.load.steal;
  if (r.gpu) {
    c["gpu_samples"] = r.gpu->samples;
    c["gpu_busy_samples"] = r.gpu->busy_samples;
    c["gpu_sm_mhz_min"] = r.gpu->sm_mhz_min;
    c["gpu_sm_mhz_mean"] = r.gpu->sm_mhz_mean;
    c["gpu_memory_mhz_min"] = r.gpu->memory_mhz_min;
    c["gpu_temperature_c_max"] = r.gpu->temperature_c_max;
    c["gpu_power_w_max"] = r.gpu->power_w_max;
    c["gpu_throttle_reasons"] = static_cast<double>(r.gpu->throttle_reasons);
    c["gpu_throttled"] = r.gpu->throttled ? 1 : 0;
  }
}

// The case's statistics, the same on each of its entries so that any one of them carries them.
void set_case_counters(benchmark::State& state, const CaseStatistics& s) {
  auto& c = state.counters;
  c["fps_ci_low"] = s.fps.interval.low;
  c["fps_ci_high"] = s.fps.interval.high;
  c["ci_coverage"] = s.fps.interval.coverage;
  c["noise"] = s.fps.noise;
  c["noisy"] = s.noisy ? 1 : 0;
  c["disturbed"] = s.disturbed ? 1 : 0;
  c["throttled"] = s.throttle_events > 0 ? 1 : 0;
  c["others_cpu_case_share"] = s.others_cpu;
  if (s.speedup) {
    c["speedup"] = s.speedup->median;
    c["speedup_ci_low"] = s.speedup->interval.low;
    c["speedup_ci_high"] = s.speedup->interval.high;
    c["speedup_ci_coverage"] = s.speedup->interval.coverage;
    c["speedup_noise"] = s.speedup->noise;
    c["speedup_pairs"] = s.speedup->samples;
  }
}

}  // namespace

// Written by set_repetition_counters and set_case_counters above, or by Google Benchmark.
bool is_harness_counter(std::string_view name) {
  static const std::set<std::string_view> names = {
      "fps", "frames", "frames_discarded", "wall_s", "workers", "cpu_s", "peak_rss_bytes", "scratch_bytes", "output_bytes", "chunks",
      "chunk_frames_min", "chunk_frames_max", "verified", "psnr_db", "round", "sequence", "others_cpu_share", "steal_share",
      "fps_ci_low", "fps_ci_high", "ci_coverage", "noise", "noisy", "disturbed", "throttled", "others_cpu_case_share", "speedup",
      "speedup_ci_low", "speedup_ci_high", "speedup_ci_coverage", "speedup_noise", "speedup_pairs",
      // Google Benchmark's
      "family_index", "per_family_instance_index", "repetitions", "repetition_index", "threads", "iterations", "real_time",
      "cpu_time"};
  if (names.contains(name) || name.starts_with("gpu_")) return true;
  for (const Stage stage : kAllStages)
    if (name == fmt::format("{}_s", stage_name(stage))) return true;
  return false;
}

void register_replays(const std::vector<CaseRun>& runs, const std::vector<CaseStatistics>& stats) {
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const CaseRun* run = &runs[i];
    const CaseStatistics* st = &stats[i];
    auto next = std::make_shared<std::size_t>(0);
    benchmark::RegisterBenchmark(run->spec.name().c_str(),
                                 [run, st, next](benchmark::State& state) {
                                   // A failed case shows no time: every entry carries its error.
                                   if (run->failed() || *next >= run->repetitions.size()) {
                                     state.SkipWithError(run->failed() ? run->error.c_str() : std::string(kNeverRan).c_str());
                                     return;
                                   }
                                   const Repetition& r = run->repetitions[(*next)++];
                                   for (auto _ : state) state.SetIterationTime(r.measurement.wall_s);
                                   set_repetition_counters(state, *run, r);
                                   set_case_counters(state, *st);
                                 })
        ->UseManualTime()
        ->Iterations(1)
        ->Repetitions(std::max<int>(1, static_cast<int>(run->repetitions.size())))
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace framebench::harness
