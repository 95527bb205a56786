#include "datasets/catalog.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/number_text.hpp"
#include "core/subprocess.hpp"
#include "core/toml_reader.hpp"
#include "media/container.hpp"
#include "media/encoder.hpp"

namespace framebench::datasets {
namespace fs = std::filesystem;

namespace {

constexpr std::array kKeys = {"description", "source", "width", "height", "rate", "frames", "gop", "encoder", "container"};

// Reads one dataset's table, naming the file, line, column and dataset in every complaint.
class EntryReader {
 public:
  EntryReader(const fs::path& file, std::string name, const toml::table& table)
      : reader_(file), name_(fmt::format("dataset '{}'", name)), table_(table) {}

  [[noreturn]] void fail(const toml::node* at, std::string_view message) const { reader_.fail_at(at, table_, name_, message); }
  std::string location(const char* key) const { return reader_.location(required(key)); }

  const toml::node& required(const char* key) const {
    const toml::node* node = table_.get(key);
    if (!node) fail(nullptr, fmt::format("missing key '{}'", key));
    return *node;
  }

  std::string string(const char* key, bool optional = false) const {
    if (optional && !table_.contains(key)) return {};
    const toml::node& node = required(key);
    if (!node.is_string()) fail(&node, fmt::format("'{}' must be a string, not {}", key, TomlReader::type_name(node)));
    return *node.value<std::string>();
  }

  int positive_int(const char* key, std::int64_t max) const {
    const toml::node& node = required(key);
    if (!node.is_integer()) fail(&node, fmt::format("'{}' must be an integer, not {}", key, TomlReader::type_name(node)));
    const std::int64_t v = *node.value<std::int64_t>();
    if (v <= 0 || v > max) fail(&node, fmt::format("'{}' must be between 1 and {}, not {}", key, max, v));
    return static_cast<int>(v);
  }

  media::Rational rate(const char* key) const {
    const toml::node& node = required(key);
    if (node.is_integer()) return {positive_int(key, 1000), 1};
    if (node.is_string()) {
      // whole_number, not sscanf's %d, which wrapped "4294967297/1" to 1/1 (found 5 December 2026).
      const std::string text = *node.value<std::string>();
      const auto slash = text.find('/');
      int num = 0, den = 0;
      const auto whole = [](std::string_view part, int& v) {
        const auto read = whole_number<int>(part);
        v = read.value_or(0);
        return v > 0;
      };
      if (slash != std::string::npos && whole(std::string_view(text).substr(0, slash), num) &&
          whole(std::string_view(text).substr(slash + 1), den)) {
        // The same bound as the integer form: above it every frame's time rounds alike. Below one
        // frame in 1000 s, muxers refuse the durations (found 5 December 2026 by a hostile-input
        // sweep: 1/1000000 failed at the write, naming the temporary).
        const double fps = static_cast<double>(num) / den;
        if (fps <= 1000 && fps >= 0.001) return {num, den};
        fail(&node, fmt::format("'{}' must be from 1/1000 to 1000 frames a second, not {}", key, text));
      }
    }
    fail(&node, fmt::format("'{}' must be a positive integer or a string \"NUM/DEN\" such as \"30000/1001\"", key));
  }

  void check_keys() const {
    const std::vector<std::string> known(kKeys.begin(), kKeys.end());
    for (const auto& [key, node] : table_) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      fail(&node, fmt::format("'{}': {}", printable_key(key.str()), TomlReader::unknown_key(key.str(), known)));
    }
  }

 private:
  TomlReader reader_;
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
  if (!valid_name(name)) r.fail(nullptr, "names may hold only ASCII letters, digits, '-', '_' and '.', and may not start with '.'");
  r.check_keys();
  DatasetSpec spec;
  spec.name = name;
  spec.description = r.string("description", true);
  spec.source = r.string("source");
  spec.source_at = r.location("source");
  if (!valid_name(spec.source) || spec.source.find('.') != std::string::npos)
    r.fail(table.get("source"), fmt::format("'source' must name a libavfilter source such as \"testsrc2\", not \"{}\"", spec.source));
  spec.width = r.positive_int("width", kMaxFrameSide);
  spec.height = r.positive_int("height", kMaxFrameSide);
  spec.frame_rate = r.rate("rate");
  spec.frames = r.positive_int("frames", 1'000'000);
  spec.gop = r.positive_int("gop", 100'000);
  spec.encoder = r.string("encoder");
  const media::EncoderSpec* encoder = nullptr;
  try {
    encoder = &media::encoder(spec.encoder);
  } catch (const InputError& e) {
    r.fail(table.get("encoder"), e.what());
  }
  // A size the encoder cannot open with is the entry's fault, said before anything is made
  // (found 5 December 2026 by a hostile-input sweep: x264 at 1x1 failed naming the temporary).
  if (const auto problem = media::encoder_size_problem(*encoder, spec.width, spec.height); !problem.empty())
    r.fail(table.get("width"), problem);
  spec.container = r.string("container");
  std::vector<std::string> containers;  // the extensions framebench writes, without their dot
  for (const auto& extension : media::written_extensions()) containers.push_back(extension.substr(1));
  if (std::find(containers.begin(), containers.end(), spec.container) == containers.end())
    r.fail(table.get("container"), fmt::format("'container' must be one of {}, not \"{}\"", fmt::join(containers, ", "), spec.container));
  // As `process` refuses it (found 5 December 2026 by a hostile-input sweep: ffv1 in mp4 failed
  // after encoding, naming the temporary).
  if (const auto problem = media::container_problem(*encoder, fs::path(name + "." + spec.container)); !problem.empty())
    r.fail(table.get("container"), problem);
  return spec;
}

}  // namespace

Catalog Catalog::load(const fs::path& file) {
  const toml::table root = parse_toml(read_toml_file(file, "catalog file"), file);
  Catalog catalog;
  catalog.file_ = file;
  for (const auto& [key, node] : root) {
    const toml::table* table = node.as_table();
    if (!table)
      TomlReader(file).fail_at(&node, root, key.str(), fmt::format("'{0}' must be a table ([{0}]) describing a dataset", printable_key(key.str())));
    catalog.datasets_.push_back(read_entry(file, std::string(key.str()), *table));
  }
  return catalog;
}

Catalog Catalog::load_default() {
  if (const char* env = std::getenv("FRAMEBENCH_CATALOG"); env && *env) {
    try {
      return load(env);
    } catch (const InputError& e) {
      throw InputError(fmt::format("{} (from $FRAMEBENCH_CATALOG)", e.what()));
    }
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
