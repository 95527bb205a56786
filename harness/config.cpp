#include "harness/config.hpp"

#include <xxhash.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "harness/suggest.hpp"

namespace framebench::harness {

namespace {

class ConfigReader {
 public:
  explicit ConfigReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(std::string_view key, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", file_.string(), key, what));
  }

  void reject_unknown(const toml::table& table, std::string_view prefix, const std::vector<std::string>& known) const {
    for (const auto& [k, v] : table) {
      const std::string key(k.str());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string full = prefix.empty() ? key : fmt::format("{}.{}", prefix, key);
      const auto hint = closest(key, known);
      fail(full, hint.empty() ? "unknown key" : fmt::format("unknown key (did you mean '{}'?)", hint));
    }
  }

  template <typename T>
  T scalar(const toml::node& node, std::string_view key) const {
    if constexpr (std::is_same_v<T, int>) {
      if (auto v = node.value_exact<std::int64_t>()) return static_cast<int>(*v);
      fail(key, fmt::format("expected an integer, got {}", type_name(node)));
    } else if constexpr (std::is_same_v<T, double>) {
      if (auto v = node.value<double>()) return *v;
      fail(key, fmt::format("expected a number, got {}", type_name(node)));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node.value_exact<bool>()) return *v;
      fail(key, fmt::format("expected true or false, got {}", type_name(node)));
    } else {
      if (auto v = node.value_exact<std::string>()) return *v;
      fail(key, fmt::format("expected a string, got {}", type_name(node)));
    }
  }

  // A list, or a single value standing for a list of one.
  template <typename T>
  std::vector<T> list(const toml::node& node, std::string_view key) const {
    std::vector<T> out;
    if (const auto* array = node.as_array()) {
      for (std::size_t i = 0; i < array->size(); ++i) out.push_back(scalar<T>(*array->get(i), fmt::format("{}[{}]", key, i)));
      if (out.empty()) fail(key, "the list is empty");
    } else {
      out.push_back(scalar<T>(node, key));
    }
    return out;
  }

  static std::string type_name(const toml::node& node) {
    switch (node.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::array: return "a list";
      case toml::node_type::table: return "a table";
      default: return "a date or time";
    }
  }

  const toml::table& table(const toml::node& node, std::string_view key) const {
    if (const auto* t = node.as_table()) return *t;
    fail(key, fmt::format("expected a table, got {}", type_name(node)));
  }

 private:
  std::filesystem::path file_;
};

VerifyMode parse_verify_mode(const ConfigReader& r, const std::string& s) {
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
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read the config file ({})", file.string(),
                                        std::filesystem::exists(file) ? "permission denied" : "no such file"));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), file);
}

ExperimentConfig parse_config(std::string text, const std::filesystem::path& file) {
  toml::table root;
  try {
    root = toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw InputError(fmt::format("{}:{}:{}: {}", file.string(), where.line, where.column, e.description()));
  }
  const ConfigReader r(file);
  ExperimentConfig c;
  c.path = file;
  r.reject_unknown(root, "", {"name", "description", "repetitions", "warmup", "matrix", "verify", "options"});

  if (auto n = root["name"]) c.name = r.scalar<std::string>(*n.node(), "name");
  else r.fail("name", "missing: every config needs a name");
  if (c.name.empty() || c.name.find_first_of("/\\ \t\n") != std::string::npos)
    r.fail("name", "must be non-empty, without spaces or slashes (it names result files)");
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
