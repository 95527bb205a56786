#include "harness/config.hpp"
#include "harness/kernel_sweep.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace framebench::harness {
namespace {

const char* kValid = R"(
name = "t"
description = "d"
repetitions = 5
warmup = 0
[matrix]
dataset = ["tiny", "other"]
strategy = "single-core"
kernel = ["box5"]
encoder = ["ffv1"]
workers = [1, 2]
[verify]
mode = "psnr"
min_psnr_db = 35.5
[options]
split = "exact"
)";

std::string error_of(const std::string& text) {
  try {
    parse_config(text, "exp.toml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

TEST(Config, ParsesEveryKey) {
  const auto c = parse_config(kValid, "exp.toml");
  EXPECT_EQ(c.name, "t");
  EXPECT_EQ(c.repetitions, 5);
  EXPECT_EQ(c.warmup, 0);
  EXPECT_EQ(c.matrix.dataset, (std::vector<std::string>{"tiny", "other"}));
  EXPECT_EQ(c.matrix.strategy, (std::vector<std::string>{"single-core"}));  // a single value is a list of one
  EXPECT_EQ(c.matrix.workers, (std::vector<int>{1, 2}));
  EXPECT_EQ(c.verify.mode, VerifyMode::psnr);
  EXPECT_DOUBLE_EQ(c.verify.min_psnr_db, 35.5);
  EXPECT_EQ(c.options.split, "exact");
  EXPECT_DOUBLE_EQ(parse_config(with(kValid, "split = \"exact\"", "chunk_seconds = 2.5"), "exp.toml").options.chunk_seconds, 2.5);
  EXPECT_EQ(c.text, kValid);
  EXPECT_EQ(c.hash.size(), 16u);
  EXPECT_NE(c.hash, parse_config(with(kValid, "repetitions = 5", "repetitions = 6"), "exp.toml").hash);
}

TEST(Config, UnknownKeysAreNamedWithASuggestion) {
  EXPECT_EQ(error_of(with(kValid, "repetitions = 5", "repetitons = 5")),
            "exp.toml: repetitons: unknown key (did you mean 'repetitions'?)");
  EXPECT_EQ(error_of(with(kValid, "workers = [1, 2]", "worker = [1, 2]")),
            "exp.toml: matrix.worker: unknown key (did you mean 'workers'?)");
  EXPECT_TRUE(error_of(with(kValid, "mode = \"psnr\"", "zzzzzz = 1")).starts_with("exp.toml: verify.zzzzzz: unknown key (valid keys: mode, "))
      << error_of(with(kValid, "mode = \"psnr\"", "zzzzzz = 1"));
}

// Each kind of file given to the other command says which command it is for (found 6 December
// 2026 by a review of first use: "sweep: unknown key" and "matrix: unknown key").
TEST(Config, AKernelSweepGivenToRunAndAConfigGivenToKernelsSayWhichCommandTheyAreFor) {
  EXPECT_EQ(error_of("name = \"k\"\n[sweep]\nimpl = [\"cpu-fast\"]\nkernel = [\"box5\"]\nsize = [\"8x8\"]\n"),
            "exp.toml: sweep: this is a kernel sweep file, not an experiment config: run it with `framebench kernels --config FILE`");
  try {
    parse_kernel_sweep(kValid, "exp.toml");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "exp.toml: matrix: this is an experiment config, not a kernel sweep file: run it with `framebench run FILE`");
  }
}

TEST(Config, WrongTypesNameTheKey) {
  EXPECT_EQ(error_of(with(kValid, "repetitions = 5", "repetitions = \"5\"")),
            "exp.toml: repetitions: expected an integer, got a string");
  EXPECT_EQ(error_of(with(kValid, "workers = [1, 2]", "workers = [1, \"two\"]")),
            "exp.toml: matrix.workers[1]: expected an integer, got a string");
  EXPECT_EQ(error_of(with(kValid, "min_psnr_db = 35.5", "min_psnr_db = true")),
            "exp.toml: verify.min_psnr_db: expected a number, got a boolean");
}

TEST(Config, BadValuesAndMissingKeys) {
  EXPECT_EQ(error_of(with(kValid, "mode = \"psnr\"", "mode = \"close\"")),
            "exp.toml: verify.mode: 'close' is not one of exact, psnr, auto, off");
  EXPECT_EQ(error_of(with(kValid, "repetitions = 5", "repetitions = 0")), "exp.toml: repetitions: must be from 1 to 10000");
  EXPECT_EQ(error_of(with(kValid, "kernel = [\"box5\"]", "")), "exp.toml: matrix.kernel: missing");
  EXPECT_EQ(error_of(with(kValid, "dataset = [\"tiny\", \"other\"]", "dataset = []")), "exp.toml: matrix.dataset: the list is empty");
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "split = \"middle\"")),
            "exp.toml: options.split: 'middle' is not one of auto, keyframe, exact");
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "chunk_seconds = -1")),
            "exp.toml: options.chunk_seconds: must be 0 (automatic) or positive seconds, at most 1000000");
  EXPECT_EQ(error_of(with(kValid, "name = \"t\"", "")), "exp.toml: name: missing: every config needs a name");
  // Found by a hostile-input sweep: accepted, then every case failed on a bar of infinity, every
  // case was disturbed (or none), or a tbb-chunks case of 48 frames ran 2^31 chunks.
  for (const char* psnr : {"min_psnr_db = inf", "min_psnr_db = 1e308"})
    EXPECT_EQ(error_of(with(kValid, "min_psnr_db = 35.5", psnr)), "exp.toml: verify.min_psnr_db: must be a positive number of dB, at most 1000");
  for (const char* share : {"disturbed = -50", "disturbed = 5000"})
    EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", std::string("split = \"exact\"\n[measure]\n") + share)),
              "exp.toml: measure.disturbed: must be from 0 to 100 (percent)");
  // Found 6 December 2026 by a documentation walk-through: the config took what run's flags refuse
  // (a "50% interval" from 50.2), refused max_noise = 100 saying "from 0 to 100", and said the key twice.
  const auto measure = [&](const std::string& line) { return with(kValid, "split = \"exact\"", "split = \"exact\"\n[measure]\n" + line); };
  EXPECT_EQ(error_of(measure("max_noise = 100")), "exp.toml: measure: max_noise must be from 0 to 99 (percent)");
  EXPECT_EQ(error_of(measure("max_noise = 99")), "(accepted)");
  for (const char* confidence : {"confidence = 50.2", "confidence = 99.995"})
    EXPECT_EQ(error_of(measure(confidence)), "exp.toml: measure: confidence must be from 50.5 to 99.99 (percent)");
  EXPECT_EQ(error_of(measure("order = 3")), "exp.toml: measure.order: expected a string, got an integer");
  EXPECT_EQ(error_of(measure("save_every = -1")),
            "exp.toml: measure: save_every must be 0 (after every case) or a positive number of seconds, at most 1000000");
  EXPECT_EQ(error_of(measure("save_every = 0")), "(accepted)");
  // Found 5 December 2026 by a review of first use: every case then failed on frame 0.
  EXPECT_EQ(error_of(with(with(kValid, "mode = \"psnr\"", "mode = \"exact\""), "encoder = [\"ffv1\"]", "encoder = [\"ffv1\", \"mpeg4\"]")),
            "exp.toml: verify.mode: 'exact' needs lossless encoders, and matrix.encoder has 'mpeg4', which is lossy; use 'auto' (exact "
            "where the encoder is lossless, PSNR elsewhere) or 'psnr'");
  EXPECT_EQ(error_of(with(kValid, "mode = \"psnr\"", "mode = \"exact\"")), "(accepted)");
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "segments = 2147483647")),
            "exp.toml: options.segments: must be 0 (one chunk per chunk_seconds) or up to 100000");
  // Its bytes, pipe_kib * 1024, overflowed an int from 2097152 up.
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "pipe_kib = 2097152")), "exp.toml: options.pipe_kib: must be from 4 to 1048576 (KiB)");
  // process --rank-timeout stopped at a day and the config took any positive count (found 6 December
  // 2026 by a structure review): one bound for both.
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "rank_timeout_s = 86401")),
            "exp.toml: options.rank_timeout_s: must be from 1 to 86400 (seconds)");
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "rank_timeout_s = 86400")), "(accepted)");
  // Found 5 December 2026 by a hostile-input sweep: [measure] won without a word.
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "split = \"exact\"\n[measure]\nmin_repetitions = 4")),
            "exp.toml: repetitions: says how many rounds, as measure.min_repetitions and max_repetitions do; keep one of the two");
}

// 2^32 + 1 repetitions became 1 (found 5 December 2026 by a hostile-input sweep).
TEST(Config, IntegersBeyondThirtyTwoBitsAreRefused) {
  EXPECT_EQ(error_of(with(kValid, "repetitions = 5", "repetitions = 4294967297")),
            "exp.toml: repetitions: 4294967297 is out of range (a whole number from -2147483648 to 2147483647)");
}

// A seed `run` picks is up to 2^32 - 1 and recorded; the config took only an int, so a recorded
// seed could not be given back (found 5 December 2026 by a review of the docs against the binary).
TEST(Config, ARecordedSeedIsTakenBack) {
  EXPECT_EQ(parse_config(with(kValid, "split = \"exact\"", "split = \"exact\"\n[measure]\norder = \"random\"\nseed = 3314322713"), "exp.toml").measure.seed,
            3314322713u);
  EXPECT_EQ(error_of(with(kValid, "split = \"exact\"", "split = \"exact\"\n[measure]\nseed = -1")),
            "exp.toml: measure.seed: must be 0 (pick one) or positive");
}

// Strings go into results as they are: a control character Google Benchmark writes raw cost a
// whole first round before the run failed on its own results.
TEST(Config, StringsAResultCannotHoldAreRefused) {
  EXPECT_EQ(error_of(with(kValid, "description = \"d\"", "description = \"d\\u0007e\"")),
            "exp.toml: description: holds the control character U+0007, which a result cannot hold");
}

TEST(Config, SyntaxErrorsGiveLineAndColumn) {
  const auto e = error_of("name = \"x\"\n[matrix\n");
  EXPECT_EQ(e.rfind("exp.toml:2:", 0), 0u) << e;
}

TEST(Config, MissingFileIsAnInputError) {
  try {
    load_config("/nonexistent/exp.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/exp.toml: cannot read the config file (no such file)");
  }
}

}  // namespace
}  // namespace framebench::harness
