#include "harness/config.hpp"

#include <xxhash.h>

#include <algorithm>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/toml_reader.hpp"

namespace framebench::harness {

namespace {

VerifyMode parse_verify_mode(const TomlReader& r, const std::string& s) {
  if (s == "exact") return VerifyMode::exact;
  if (s == "psnr") return VerifyMode::psnr;
  if (s == "auto") return VerifyMode::automatic;
  if (s == "off") return VerifyMode::off;
  r.fail("verify.mode", fmt::format("'{}' is not one of exact, psnr, auto, off", s));
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
  return parse_config(read_text_file(file, "config file"), file);
}

ExperimentConfig parse_config(std::string text, const std::filesystem::path& file) {
  const toml::table root = parse_toml(text, file);
  const TomlReader r(file);
  ExperimentConfig c;
  c.path = file;
  r.reject_unknown(root, "", {"name", "description", "repetitions", "warmup", "matrix", "verify", "options"});

  c.name = r.result_name(root, "every config needs a name");
  if (auto n = root["description"]) c.description = r.scalar<std::string>(*n.node(), "description");
  if (auto n = root["repetitions"]) c.repetitions = r.scalar<int>(*n.node(), "repetitions");
  if (c.repetitions < 1 || c.repetitions > 1000) r.fail("repetitions", "must be from 1 to 1000");
  if (auto n = root["warmup"]) c.warmup = r.scalar<int>(*n.node(), "warmup");
  if (c.warmup < 0 || c.warmup > 100) r.fail("warmup", "must be from 0 to 100");

  auto matrix_node = root["matrix"];
  if (!matrix_node) r.fail("matrix", "missing: the [matrix] table says what to run");
  const auto& m = r.table(*matrix_node.node(), "matrix");
  r.reject_unknown(m, "matrix", {"dataset", "strategy", "kernel", "encoder", "workers"});
  for (const char* required : {"dataset", "strategy", "kernel"})
    if (!m.contains(required)) r.fail(fmt::format("matrix.{}", required), "missing");
  c.matrix.dataset = r.list<std::string>(*m.get("dataset"), "matrix.dataset");
  c.matrix.strategy = r.list<std::string>(*m.get("strategy"), "matrix.strategy");
  c.matrix.kernel = r.list<std::string>(*m.get("kernel"), "matrix.kernel");
  if (auto* n = m.get("encoder")) c.matrix.encoder = r.list<std::string>(*n, "matrix.encoder");
  if (auto* n = m.get("workers")) c.matrix.workers = r.list<int>(*n, "matrix.workers");
  for (std::size_t i = 0; i < c.matrix.workers.size(); ++i)
    if (c.matrix.workers[i] < 0 || c.matrix.workers[i] > 4096)
      r.fail(fmt::format("matrix.workers[{}]", i), "must be 0 (all cores) or a positive count");

  if (auto v = root["verify"]) {
    const auto& t = r.table(*v.node(), "verify");
    r.reject_unknown(t, "verify", {"mode", "min_psnr_db"});
    if (auto* n = t.get("mode")) c.verify.mode = parse_verify_mode(r, r.scalar<std::string>(*n, "verify.mode"));
    if (auto* n = t.get("min_psnr_db")) c.verify.min_psnr_db = r.scalar<double>(*n, "verify.min_psnr_db");
    if (!(c.verify.min_psnr_db > 0)) r.fail("verify.min_psnr_db", "must be positive");
  }

  if (auto o = root["options"]) {
    const auto& t = r.table(*o.node(), "options");
    r.reject_unknown(t, "options", {"split", "segments", "streams", "batch", "pipe_kib", "row_bands"});
    auto& opt = c.options;
    if (auto* n = t.get("split")) opt.split = r.scalar<std::string>(*n, "options.split");
    if (opt.split != "keyframe" && opt.split != "exact")
      r.fail("options.split", fmt::format("'{}' is not one of keyframe, exact", opt.split));
    if (auto* n = t.get("segments")) opt.segments = r.scalar<int>(*n, "options.segments");
    if (auto* n = t.get("streams")) opt.streams = r.scalar<int>(*n, "options.streams");
    if (auto* n = t.get("batch")) opt.batch = r.scalar<int>(*n, "options.batch");
    if (auto* n = t.get("pipe_kib")) opt.pipe_kib = r.scalar<int>(*n, "options.pipe_kib");
    if (auto* n = t.get("row_bands")) opt.row_bands = r.scalar<bool>(*n, "options.row_bands");
    if (opt.segments < 0) r.fail("options.segments", "must be 0 (one per worker) or positive");
    if (opt.streams < 1) r.fail("options.streams", "must be positive");
    if (opt.batch < 1) r.fail("options.batch", "must be positive");
    if (opt.pipe_kib < 4) r.fail("options.pipe_kib", "must be at least 4");
  }

  c.text = std::move(text);
  c.hash = fmt::format("{:016x}", XXH3_64bits(c.text.data(), c.text.size()));
  return c;
}

}  // namespace framebench::harness
