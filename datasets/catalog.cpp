#include "datasets/catalog.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/subprocess.hpp"
#include "media/encoder.hpp"

namespace framebench::datasets {
namespace fs = std::filesystem;

namespace {

constexpr std::array kKeys = {"description", "source", "width", "height", "rate", "frames", "gop", "encoder", "container"};
constexpr std::array kContainers = {"mp4", "mkv", "avi", "ts", "nut"};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string did_you_mean(std::string_view word) {
  const char* best = nullptr;
  std::size_t best_distance = 3;  // more edits than this is another word, not a typo
  for (const char* key : kKeys) {
    const std::size_t d = edit_distance(word, key);
    if (d < best_distance) best = key, best_distance = d;
  }
  if (best) return fmt::format(" (did you mean '{}'?)", best);
  return fmt::format(" (valid keys: {})", fmt::join(kKeys, ", "));
}

// Reads one dataset's table, naming the file, line and key in every complaint.
class EntryReader {
 public:
  EntryReader(const fs::path& file, std::string name, const toml::table& table)
      : file_(file), name_(std::move(name)), table_(table) {}

  [[noreturn]] void fail(const toml::node* at, std::string_view message) const {
    const auto line = at ? at->source().begin.line : table_.source().begin.line;
    throw InputError(fmt::format("{}:{}: dataset '{}': {}", file_.string(), line, name_, message));
  }

  const toml::node& required(const char* key) const {
    const toml::node* node = table_.get(key);
    if (!node) fail(nullptr, fmt::format("missing key '{}'", key));
    return *node;
  }

  std::string string(const char* key, bool optional = false) const {
    if (optional && !table_.contains(key)) return {};
    const toml::node& node = required(key);
    if (!node.is_string()) fail(&node, fmt::format("'{}' must be a string, not {}", key, type_name(node)));
    return *node.value<std::string>();
  }

  int positive_int(const char* key, std::int64_t max) const {
    const toml::node& node = required(key);
    if (!node.is_integer()) fail(&node, fmt::format("'{}' must be an integer, not {}", key, type_name(node)));
    const std::int64_t v = *node.value<std::int64_t>();
    if (v <= 0 || v > max) fail(&node, fmt::format("'{}' must be between 1 and {}, not {}", key, max, v));
    return static_cast<int>(v);
  }

  media::Rational rate(const char* key) const {
    const toml::node& node = required(key);
    if (node.is_integer()) return {positive_int(key, 1000), 1};
    if (node.is_string()) {
      const std::string text = *node.value<std::string>();
      int num = 0, den = 0;
      char tail = 0;
      if (std::sscanf(text.c_str(), "%d/%d%c", &num, &den, &tail) == 2 && num > 0 && den > 0) return {num, den};
    }
    fail(&node, fmt::format("'{}' must be a positive integer or a string \"NUM/DEN\" such as \"30000/1001\"", key));
  }

  void check_keys() const {
    for (const auto& [key, node] : table_) {
      if (std::find(kKeys.begin(), kKeys.end(), key.str()) == kKeys.end())
        fail(&node, fmt::format("unknown key '{}'{}", key.str(), did_you_mean(key.str())));
    }
  }

 private:
  static std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
      case toml::node_type::string: return "a string";
      case toml::node_type::integer: return "an integer";
      case toml::node_type::floating_point: return "a floating-point number";
      case toml::node_type::boolean: return "a boolean";
      case toml::node_type::table: return "a table";
      case toml::node_type::array: return "an array";
      default: return "a date or time";
    }
  }

  const fs::path& file_;
  std::string name_;
  const toml::table& table_;
};

bool valid_name(std::string_view name) {
  return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

DatasetSpec read_entry(const fs::path& file, const std::string& name, const toml::table& table) {
  const EntryReader r(file, name, table);
  if (!valid_name(name)) r.fail(nullptr, "names may hold only letters, digits, '-', '_' and '.'");
  r.check_keys();
  DatasetSpec spec;
  spec.name = name;
  spec.description = r.string("description", true);
  spec.source = r.string("source");
  if (!valid_name(spec.source) || spec.source.find('.') != std::string::npos)
    r.fail(table.get("source"), fmt::format("'source' must name a libavfilter source such as \"testsrc2\", not \"{}\"", spec.source));
  spec.width = r.positive_int("width", 16384);
  spec.height = r.positive_int("height", 16384);
  spec.frame_rate = r.rate("rate");
  spec.frames = r.positive_int("frames", 1'000'000);
  spec.gop = r.positive_int("gop", 100'000);
  spec.encoder = r.string("encoder");
  try {
    media::encoder(spec.encoder);
  } catch (const InputError& e) {
    r.fail(table.get("encoder"), e.what());
  }
  spec.container = r.string("container");
  if (std::find(kContainers.begin(), kContainers.end(), spec.container) == kContainers.end())
    r.fail(table.get("container"), fmt::format("'container' must be one of {}, not \"{}\"", fmt::join(kContainers, ", "), spec.container));
  return spec;
}

}  // namespace

Catalog Catalog::load(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw InputError(fmt::format("{}: no such catalog file", file.string()));
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line, e.source().begin.column, e.description()));
  }
  Catalog catalog;
  for (const auto& [key, node] : root) {
    const toml::table* table = node.as_table();
    if (!table)
      throw InputError(fmt::format("{}:{}: '{}' must be a table ([{}]) describing a dataset", file.string(),
                                   node.source().begin.line, key.str(), key.str()));
    catalog.datasets_.push_back(read_entry(file, std::string(key.str()), *table));
  }
  return catalog;
}

Catalog Catalog::load_default() {
  if (const char* env = std::getenv("FRAMEBENCH_CATALOG"); env && *env) {
    if (!fs::is_regular_file(env)) throw InputError(fmt::format("{}: no such catalog file (from $FRAMEBENCH_CATALOG)", env));
    return load(env);
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  const fs::path exe_dir = self_executable().parent_path();
  candidates.push_back(exe_dir / "datasets" / "catalog.toml");  // a bundle
  candidates.push_back(exe_dir / ".." / "datasets" / "catalog.toml");
  candidates.push_back(fs::path(FRAMEBENCH_SOURCE_DIR) / "datasets" / "catalog.toml");  // the source tree
  for (const auto& c : candidates)
    if (fs::is_regular_file(c, ec)) return load(c.lexically_normal());
  std::vector<std::string> tried;
  for (const auto& c : candidates) tried.push_back(c.lexically_normal().string());
  throw InputError(fmt::format("no dataset catalog found (tried {}); set FRAMEBENCH_CATALOG", fmt::join(tried, ", ")));
}

const DatasetSpec* Catalog::find(const std::string& name) const {
  const auto it = std::find_if(datasets_.begin(), datasets_.end(), [&](const DatasetSpec& d) { return d.name == name; });
  return it == datasets_.end() ? nullptr : &*it;
}

}  // namespace framebench::datasets
