#include "harness/resume.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include <fmt/format.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "framebench/version.hpp"
#include "harness/environment.hpp"

namespace framebench::harness {
namespace {

// The context keys that say this framebench's build, as a run writes them, each followed by ", ".
std::string this_build_context() {
  return fmt::format(R"("framebench_version": "{}", "framebench_git_commit": "{}", "framebench_build_type": "{}", )", kVersion, git_commit(),
                     kBuildType);
}

// A results file of `config` holding one repetition whose `field` is `value`.
std::string results_with(const ExperimentConfig& config, const std::string& field, const std::string& value) {
  std::string counters = R"("wall_s": 1.5, "cpu_s": 1.4, "peak_rss_bytes": 1e8, "frames": 100, "frames_discarded": 0, "scratch_bytes": 0,
      "output_bytes": 743514, "round": 1, "sequence": 1, "others_cpu_share": 0.01, "steal_share": 0)";
  const auto at = counters.find("\"" + field + "\": ");
  const auto end = counters.find_first_of(",", at);
  counters.replace(at, (end == std::string::npos ? counters.size() : end) - at, "\"" + field + "\": " + value);
  return R"({"context": {"config_hash": ")" + config.hash + R"("}, "benchmarks": [{"name": "e2e/strategy:single-core/manual_time",
      "run_type": "iteration", )" + counters + "}]}";
}

// Values no run writes were taken up and written back (found 5 December 2026 by a hostile-input
// sweep): wall_s 0 made a file the readers refuse, frames -30 a negative fps, round 2^31 - 1 overflowed.
TEST(Resume, ValuesNoRunWritesAreRefusedNamingThem) {
  const ScratchDir dir("resume-test");
  const auto config = parse_config("name = \"r\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n", "r.toml");
  const auto file = dir / "r.json";
  std::ofstream(file) << results_with(config, "wall_s", "1.5");
  EXPECT_EQ(load_previous_run(file, config).cases.size(), 1u);
  for (const auto& [field, value] : {std::pair{"wall_s", "0"}, std::pair{"frames", "-30"}, std::pair{"round", "2147483647"},
                                     std::pair{"cpu_s", "1e300"}, std::pair{"output_bytes", "0"}}) {
    std::ofstream(file) << results_with(config, field, value);
    try {
      load_previous_run(file, config);
      ADD_FAILURE() << field << " " << value << " accepted";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_TRUE(what.starts_with(file.string() + ": benchmarks entry 'e2e/strategy:single-core/manual_time': " + field)) << what;
    }
  }
}

// Found 5 December 2026 by a hostile-input sweep: a clip regenerated at twice the frames was
// resumed into, its repetitions pooled with the old ones (frames 20, 20, 40).
TEST(Resume, AnotherClipOrAnotherHostIsRefused) {
  const ScratchDir dir("resume-test");
  const auto config = parse_config("name = \"r\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n", "r.toml");
  const auto file = dir / "r.json";
  std::string text = results_with(config, "wall_s", "1.5");
  text.replace(text.find("\"config_hash\""), 0, R"("host_name": "bench-1", "dataset:tiny": "aaaa1111bbbb2222", "dataset_frames:tiny": "ff", )" +
                                                     this_build_context());
  std::ofstream(file) << text;
  const PreviousRun previous = load_previous_run(file, config);
  EXPECT_NO_THROW(check_same_inputs(previous, file, {{"tiny", "aaaa1111bbbb2222"}, {"other", "cccc"}}, "bench-1"));
  const auto refusal = [&](const std::map<std::string, std::string>& datasets, const std::string& host) -> std::string {
    try {
      check_same_inputs(previous, file, datasets, host);
    } catch (const InputError& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_EQ(refusal({{"tiny", "9999888877776666"}}, "bench-1"),
            file.string() + ": dataset 'tiny' is not the file it measured (sha256 aaaa1111bbbb, now 999988887777), cannot resume it");
  EXPECT_EQ(refusal({{"tiny", "aaaa1111bbbb2222"}}, "bench-2"),
            file.string() + ": ran on host 'bench-1', this is 'bench-2': repetitions of two machines cannot be pooled, cannot resume it");

  // Another build, or another count of cores to use (found 6 December 2026 by a sweep of resume:
  // pooled, and the file then named only the new build).
  PreviousRun other = previous;
  other.build = build_text("0.0.1", "0123456789ab", "Debug");
  try {
    check_same_inputs(other, file, {{"tiny", "aaaa1111bbbb2222"}}, "bench-1");
    ADD_FAILURE() << "another build was resumed";
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(file.string() + ": measured by framebench 0.0.1 (commit 0123456789ab, Debug), this is "))
        << e.what();
  }
  other = previous;
  other.cores = std::to_string(CoreBudget::available() + 1);
  try {
    check_same_inputs(other, file, {{"tiny", "aaaa1111bbbb2222"}}, "bench-1");
    ADD_FAILURE() << "another core count was resumed";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cores to use, this run has"), std::string::npos) << e.what();
  }
}

// A strategy's own counters and label, and the GPU sample, come back with the repetitions kept:
// they were lost, and scale-model then refused a resumed mpi-segments file (found 6 December 2026
// by a sweep of resume).
TEST(Resume, KeptRepetitionsKeepTheStrategysCountersAndLabel) {
  const ScratchDir dir("resume-test");
  const auto config = parse_config("name = \"r\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n", "r.toml");
  std::string text = results_with(config, "wall_s", "1.5");
  text.replace(text.find("\"wall_s\""), 0,
               R"("ranks": 2, "rank1_frames": 40, "label": "rank 0: node1, rank 1: node2", "fps_ci_low": 9, "decode_s": 0.4, )"
               R"("gpu_samples": 10, "gpu_busy_samples": 9, "gpu_sm_mhz_min": 1900, "gpu_sm_mhz_mean": 1950, "gpu_memory_mhz_min": 3200, )"
               R"("gpu_temperature_c_max": 61, "gpu_power_w_max": 400, "gpu_throttle_reasons": 4, "gpu_throttled": 0, )");
  std::ofstream(dir / "r.json") << text;
  const PreviousRun previous = load_previous_run(dir / "r.json", config);
  ASSERT_EQ(previous.cases.size(), 1u);
  const Repetition& r = previous.cases.begin()->second.repetitions.at(0);
  const std::map<std::string, double> strategy_counters = {{"ranks", 2}, {"rank1_frames", 40}};
  EXPECT_EQ(r.measurement.report.counters, strategy_counters);  // the harness's own counters are not taken for the strategy's
  EXPECT_EQ(r.measurement.report.label, "rank 0: node1, rank 1: node2");
  EXPECT_EQ(r.measurement.report.stages.at("decode"), 0.4);
  EXPECT_EQ(r.measurement.output_bytes, 743514);
  ASSERT_TRUE(r.gpu);
  EXPECT_EQ(r.gpu->busy_samples, 9);
  EXPECT_EQ(r.gpu->throttle_reasons, 4u);
}

// A fleet's file holds every host's results; going on with it dropped them (found 6 December 2026
// by a sweep of resume).
TEST(Resume, AFleetsResultsAreRefused) {
  const ScratchDir dir("resume-test");
  const auto config = parse_config("name = \"r\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n", "r.toml");
  std::string text = results_with(config, "wall_s", "1.5");
  text.insert(text.size() - 1, R"(, "fleet": [{"rank": 1, "host": "h2", "error": "silent"}])");
  std::ofstream(dir / "f.json") << text;
  try {
    load_previous_run(dir / "f.json", config);
    ADD_FAILURE() << "a fleet's results were resumed";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "f.json").string() +
                                         ": a fleet run's results (every host's), which --resume cannot go on with: run the fleet "
                                         "again into another file");
  }
}

// Found 5 December 2026 by a hostile-input sweep: a kernels result was called "made with another
// config (hash '')".
TEST(Resume, AKernelsResultIsNamedAsSuch) {
  const ScratchDir dir("resume-test");
  const auto config = parse_config("name = \"r\"\n[matrix]\ndataset = [\"tiny\"]\nstrategy = [\"single-core\"]\nkernel = [\"box5\"]\n", "r.toml");
  std::ofstream(dir / "k.json") << R"({"context": {"kind": "kernels"}, "benchmarks": []})";
  try {
    load_previous_run(dir / "k.json", config);
    ADD_FAILURE() << "a kernels result was resumed";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), (dir / "k.json").string() + ": holds kernels results, not a run's, cannot resume it");
  }
}

}  // namespace
}  // namespace framebench::harness
