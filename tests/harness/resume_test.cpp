#include "harness/resume.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"

namespace framebench::harness {
namespace {

// A results file of `config` holding one repetition whose `field` is `value`.
std::string results_with(const ExperimentConfig& config, const std::string& field, const std::string& value) {
  std::string counters = R"("wall_s": 1.5, "cpu_s": 1.4, "peak_rss_bytes": 1e8, "frames": 100, "frames_discarded": 0, "scratch_bytes": 0,
      "round": 1, "sequence": 1, "others_cpu_share": 0.01, "steal_share": 0)";
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
                                     std::pair{"cpu_s", "1e300"}}) {
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
  text.replace(text.find("\"config_hash\""), 0, R"("host_name": "bench-1", "dataset:tiny": "aaaa1111bbbb2222", "dataset_frames:tiny": "ff", )");
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
