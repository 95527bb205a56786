#include "harness/config.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/toml_reader.hpp"
#include "media/encoder.hpp"

namespace framebench::harness {

namespace {

VerifyMode parse_verify_mode(const TomlReader& r, const std::string& s) {
  if (s == "exact") return VerifyMode::exact;
  if (s == "psnr") return VerifyMode::psnr;
  if (s == "auto") return VerifyMode::automatic;
  if (s == "off") return VerifyMode::off;
  r.fail("verify.mode", fmt::format("'{}' is not one of exact, psnr, auto, off", s));
}

void parse_matrix(const TomlReader& r, const toml::table& root, Matrix& matrix) {
  auto matrix_node = root["matrix"];
  if (!matrix_node) r.fail("matrix", "missing: the [matrix] table says what to run");
  const auto& m = r.table(*matrix_node.node(), "matrix");
  r.reject_unknown(m, "matrix", {"dataset", "strategy", "kernel", "encoder", "workers", "pixel_format"});
  for (const char* required : {"dataset", "strategy", "kernel"})
    if (!m.contains(required)) r.fail(fmt::format("matrix.{}", required), "missing");
  matrix.dataset = r.list<std::string>(*m.get("dataset"), "matrix.dataset");
  matrix.strategy = r.list<std::string>(*m.get("strategy"), "matrix.strategy");
  matrix.kernel = r.list<std::string>(*m.get("kernel"), "matrix.kernel");
  if (auto* n = m.get("encoder")) matrix.encoder = r.list<std::string>(*n, "matrix.encoder");
  if (auto* n = m.get("workers")) matrix.workers = r.list<int>(*n, "matrix.workers");
  if (auto* n = m.get("pixel_format")) {
    const auto names = r.list<std::string>(*n, "matrix.pixel_format");
    matrix.pixel_format.clear();
    for (std::size_t i = 0; i < names.size(); ++i) try {
        matrix.pixel_format.push_back(parse_pixel_path(names[i]));
      } catch (const InputError& e) {
        r.fail(fmt::format("matrix.pixel_format[{}]", i), e.what());
      }
  }
  for (std::size_t i = 0; i < matrix.workers.size(); ++i)
    if (matrix.workers[i] < 0 || matrix.workers[i] > kMostWorkers)
      r.fail(fmt::format("matrix.workers[{}]", i), fmt::format("must be from 0 (all cores) to {}", kMostWorkers));
}

void parse_verify(const TomlReader& r, const toml::node& node, VerifySettings& verify) {
  const auto& t = r.table(node, "verify");
  r.reject_unknown(t, "verify", {"mode", "min_psnr_db"});
  if (auto* n = t.get("mode")) verify.mode = parse_verify_mode(r, r.scalar<std::string>(*n, "verify.mode"));
  if (auto* n = t.get("min_psnr_db")) verify.min_psnr_db = r.scalar<double>(*n, "verify.min_psnr_db");
  if (!(verify.min_psnr_db > 0 && verify.min_psnr_db <= 1000)) r.fail("verify.min_psnr_db", "must be a positive number of dB, at most 1000");
}

void parse_options(const TomlReader& r, const toml::node& node, strategies::StrategyOptions& opt) {
  using namespace strategies;
  const auto& t = r.table(node, "options");
  r.reject_unknown(t, "options", {"split", "segments", "chunk_seconds", "streams", "batch", "pipe_kib", "row_bands", "mpi_input", "rank_timeout_s"});
  const auto one_of = [&r](const std::string& value, const std::vector<std::string>& choices, const char* key) {
    if (std::find(choices.begin(), choices.end(), value) == choices.end())
      r.fail(key, fmt::format("'{}' is not one of {}", value, fmt::join(choices, ", ")));
  };
  if (auto* n = t.get("split")) opt.split = r.scalar<std::string>(*n, "options.split");
  one_of(opt.split, kSplitChoices, "options.split");
  if (auto* n = t.get("segments")) opt.segments = r.scalar<int>(*n, "options.segments");
  if (auto* n = t.get("chunk_seconds")) opt.chunk_seconds = r.scalar<double>(*n, "options.chunk_seconds");
  if (auto* n = t.get("streams")) opt.streams = r.scalar<int>(*n, "options.streams");
  if (auto* n = t.get("batch")) opt.batch = r.scalar<int>(*n, "options.batch");
  if (auto* n = t.get("pipe_kib")) opt.pipe_kib = r.scalar<int>(*n, "options.pipe_kib");
  if (auto* n = t.get("row_bands")) opt.row_bands = r.scalar<bool>(*n, "options.row_bands");
  if (auto* n = t.get("mpi_input")) opt.mpi_input = r.scalar<std::string>(*n, "options.mpi_input");
  one_of(opt.mpi_input, kMpiInputChoices, "options.mpi_input");
  if (auto* n = t.get("rank_timeout_s")) opt.rank_timeout_s = r.scalar<int>(*n, "options.rank_timeout_s");
  if (opt.rank_timeout_s < 1 || opt.rank_timeout_s > kMostRankTimeoutSeconds)
    r.fail("options.rank_timeout_s", fmt::format("must be from 1 to {} (seconds)", kMostRankTimeoutSeconds));
  if (opt.segments < 0 || opt.segments > kMostSegments)
    r.fail("options.segments", fmt::format("must be 0 (one chunk per chunk_seconds) or up to {}", kMostSegments));
  if (!(opt.chunk_seconds >= 0) || opt.chunk_seconds > kMostChunkSeconds)
    r.fail("options.chunk_seconds", fmt::format("must be 0 (automatic) or positive seconds, at most {:.0f}", kMostChunkSeconds));
  if (opt.streams < 1 || opt.streams > kMostStreams) r.fail("options.streams", fmt::format("must be from 1 to {}", kMostStreams));
  if (opt.batch < 1 || opt.batch > kMostBatch) r.fail("options.batch", fmt::format("must be from 1 to {}", kMostBatch));
  if (opt.pipe_kib < kLeastPipeKib || opt.pipe_kib > kMostPipeKib)
    r.fail("options.pipe_kib", fmt::format("must be from {} to {} (KiB)", kLeastPipeKib, kMostPipeKib));
}

// [measure]: the order of repetitions and the stopping rule; percentages as written by people.
void parse_measure(const TomlReader& r, const toml::node& node, MeasurementPolicy& policy) {
  const auto& t = r.table(node, "measure");
  r.reject_unknown(t, "measure", {"order", "seed", "min_repetitions", "max_repetitions", "max_noise", "max_time", "confidence", "disturbed", "timeout", "save_every"});
  if (auto* n = t.get("order")) {
    const auto order = r.scalar<std::string>(*n, "measure.order");  // its own message, naming the key
    try {
      policy.order = parse_order(order);
    } catch (const InputError& e) {
      r.fail("measure.order", e.what());
    }
  }
  if (auto* n = t.get("seed")) {
    const auto seed = r.scalar<std::int64_t>(*n, "measure.seed");  // as recorded: up to 2^32 - 1 when picked
    if (seed < 0) r.fail("measure.seed", "must be 0 (pick one) or positive");
    policy.seed = static_cast<std::uint64_t>(seed);
  }
  if (auto* n = t.get("min_repetitions")) policy.min_repetitions = r.scalar<int>(*n, "measure.min_repetitions");
  if (auto* n = t.get("max_repetitions")) policy.max_repetitions = r.scalar<int>(*n, "measure.max_repetitions");
  if (auto* n = t.get("max_noise")) policy.max_noise = r.scalar<double>(*n, "measure.max_noise") / 100;
  if (auto* n = t.get("max_time")) policy.max_time_s = r.scalar<double>(*n, "measure.max_time");
  if (auto* n = t.get("confidence")) policy.confidence = r.scalar<double>(*n, "measure.confidence") / 100;
  if (auto* n = t.get("disturbed")) policy.disturbed_share = r.scalar<double>(*n, "measure.disturbed") / 100;
  if (!(policy.disturbed_share >= 0 && policy.disturbed_share <= 1)) r.fail("measure.disturbed", "must be from 0 to 100 (percent)");
  if (auto* n = t.get("timeout")) policy.timeout_s = r.scalar<double>(*n, "measure.timeout");
  if (auto* n = t.get("save_every")) policy.save_every_s = r.scalar<double>(*n, "measure.save_every");
}

}  // namespace

std::string to_string(VerifyMode mode) {
  switch (mode) {
    case VerifyMode::exact: return "exact";
    case VerifyMode::psnr: return "psnr";
    case VerifyMode::automatic: return "auto";
    case VerifyMode::off: return "off";
  }
  return "?";
}

ExperimentConfig load_config(const std::filesystem::path& file) {
  check_name_fits_results(file);
  return parse_config(read_toml_file(file, "config file"), file);
}

ExperimentConfig parse_config(std::string text, const std::filesystem::path& file) {
  const toml::table root = parse_toml(text, file);
  const TomlReader r(file);
  // `run configs/kernels.toml` said only "sweep: unknown key (valid keys: ...)" (found 6 December 2026
  // by a review of first use).
  if (root.contains("sweep") && !root.contains("matrix"))
    r.fail("sweep", "this is a kernel sweep file, not an experiment config: run it with `framebench kernels --config FILE`");
  r.reject_unknown(root, "", {"name", "description", "repetitions", "warmup", "matrix", "verify", "options", "measure"});
  ExperimentConfig c;
  std::string description;
  if (auto n = root["description"]) description = r.scalar<std::string>(*n.node(), "description");
  static_cast<ConfigSource&>(c) =
      config_source(file, r.result_name(root, "every config needs a name"), description, std::move(text), canonical_text(root));
  if (auto n = root["repetitions"]) c.repetitions = r.scalar<int>(*n.node(), "repetitions");
  if (c.repetitions && (*c.repetitions < 1 || *c.repetitions > 10000)) r.fail("repetitions", "must be from 1 to 10000");  // as [measure]'s
  if (auto n = root["warmup"]) c.warmup = r.scalar<int>(*n.node(), "warmup");
  if (c.warmup < 0 || c.warmup > 100) r.fail("warmup", "must be from 0 to 100");
  // `repetitions` asks for exactly that many rounds, as before the stopping rule; without it the
  // [measure] table (or its defaults) decides.
  if (c.repetitions) c.measure.min_repetitions = c.measure.max_repetitions = *c.repetitions;
  parse_matrix(r, root, c.matrix);
  if (auto v = root["verify"]) parse_verify(r, *v.node(), c.verify);
  // Exact verification of a lossy encoder's output fails on frame 0 of every case, blaming the
  // frame (found 5 December 2026 by a review of first use); said here, before anything runs.
  if (c.verify.mode == VerifyMode::exact)
    for (const auto& name : c.matrix.encoder) {
      const auto& all = media::encoders();
      const auto e = std::find_if(all.begin(), all.end(), [&](const media::EncoderSpec& s) { return s.name == name; });
      if (e != all.end() && !e->lossless)
        r.fail("verify.mode", fmt::format("'exact' needs lossless encoders, and matrix.encoder has '{}', which is lossy; use 'auto' "
                                          "(exact where the encoder is lossless, PSNR elsewhere) or 'psnr'",
                                          name));
    }
  if (auto o = root["options"]) parse_options(r, *o.node(), c.options);
  if (auto m = root["measure"]) {
    // Two answers to how many rounds: the one below would win without a word (found 5 December
    // 2026 by a hostile-input sweep).
    if (root.contains("repetitions") && m.is_table() && (m.as_table()->contains("min_repetitions") || m.as_table()->contains("max_repetitions")))
      r.fail("repetitions", "says how many rounds, as measure.min_repetitions and max_repetitions do; keep one of the two");
    parse_measure(r, *m.node(), c.measure);
  }
  try {
    c.measure.check("measure");
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}: {}", file.string(), e.what()));
  }
  return c;
}

}  // namespace framebench::harness
