#pragma once
// Reading framebench's TOML files (experiment configs, kernel sweeps, the dataset catalog) with
// errors a user can act on: every one names the file and the key ("configs/x.toml:
// matrix.workers[2]: expected an integer, got a string"), or also the line and column
// (fail_at), and unknown keys suggest the closest known one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/closest.hpp"
#include "core/result_text.hpp"

namespace framebench {

// The whole file; InputError "<file>: cannot read the <what> (<why>)" if it cannot be read.
// Reading stops after `at_most` bytes, so that a caller with a bound (parse_toml's) can refuse an
// endless pipe (`run <(yes)`) before it fills the memory.
std::string read_text_file(const std::filesystem::path& file, std::string_view what,
                           std::size_t at_most = std::numeric_limits<std::size_t>::max());
// A TOML file framebench reads: at most one byte past parse_toml's bound.
std::string read_toml_file(const std::filesystem::path& file, std::string_view what);

// InputError unless `file`'s name can go into a result as it is (core/result_text.hpp): configs and
// sweep files are named in the results they make.
void check_name_fits_results(const std::filesystem::path& file);

// A key as an error line shows it: control characters written as \uXXXX, so that a NUL in a
// quoted key ("a\u0000b" = 1) no longer ends the line there (found 5 December 2026 by a
// hostile-input sweep: "x.toml: a").
std::string printable_key(std::string_view key);

// The largest TOML text parse_toml accepts.
inline constexpr std::size_t kMaxTomlBytes = 1024 * 1024;

// Parses `text`; InputError "<file>:<line>:<column>: <what>" on a syntax error, or naming the
// size of a text over kMaxTomlBytes.
toml::table parse_toml(const std::string& text, const std::filesystem::path& file);

// The settings `root` holds in one form: keys sorted, comments, blank lines, layout and quoting
// left out, so that two texts saying the same thing give the same string (what a config's hash
// is made of: a comment added must not stop `--resume`).
std::string canonical_text(const toml::table& root);

// The dotted key of the first setting, in key order, that one table has and the other has not,
// or has with another value; empty when both say the same.
std::string first_difference(const toml::table& a, const toml::table& b);

class TomlReader {
 public:
  explicit TomlReader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(std::string_view key, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", file_.string(), printable_key(key), what));
  }

  // The same, located: "<file>:<line>:<column>: <key>: <what>", at `node` (or where `within` starts).
  [[noreturn]] void fail_at(const toml::node* node, const toml::node& within, std::string_view key, std::string_view what) const {
    throw InputError(fmt::format("{}: {}: {}", location(node ? *node : within), printable_key(key), what));
  }

  // Where `node` starts: "<file>:<line>:<column>".
  std::string location(const toml::node& node) const {
    const auto& where = node.source().begin;
    return fmt::format("{}:{}:{}", file_.string(), where.line, where.column);
  }

  void reject_unknown(const toml::table& table, std::string_view prefix, const std::vector<std::string>& known) const {
    for (const auto& [k, v] : table) {
      const std::string key(k.str());
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      fail(prefix.empty() ? key : fmt::format("{}.{}", prefix, key), unknown_key(key, known));
    }
  }

  // What every TOML file framebench reads says of a key not among `known`: "unknown key (did you
  // mean 'frames'?)" where one is close, else the keys it may hold.
  static std::string unknown_key(std::string_view key, const std::vector<std::string>& known) {
    const auto hint = closest(key, known);
    if (!hint.empty()) return fmt::format("unknown key (did you mean '{}'?)", printable_key(hint));
    std::vector<std::string> keys;
    for (const auto& k : known) keys.push_back(printable_key(k));
    return fmt::format("unknown key (valid keys: {})", fmt::join(keys, ", "));
  }

  template <typename T>
  T scalar(const toml::node& node, std::string_view key) const {
    if constexpr (std::is_same_v<T, int>) {
      if (auto v = node.value_exact<std::int64_t>()) {
        // 2^32 + 1 would become 1 (found 5 December 2026 by a hostile-input sweep).
        if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
          fail(key, fmt::format("{} is out of range (a whole number from {} to {})", *v, std::numeric_limits<int>::min(),
                                std::numeric_limits<int>::max()));
        return static_cast<int>(*v);
      }
      fail(key, fmt::format("expected an integer, got {}", type_name(node)));
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      if (auto v = node.value_exact<std::int64_t>()) return *v;
      fail(key, fmt::format("expected an integer, got {}", type_name(node)));
    } else if constexpr (std::is_same_v<T, double>) {
      if (auto v = node.value<double>()) return *v;
      fail(key, fmt::format("expected a number, got {}", type_name(node)));
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = node.value_exact<bool>()) return *v;
      fail(key, fmt::format("expected true or false, got {}", type_name(node)));
    } else {
      if (auto v = node.value_exact<std::string>()) {
        // Names, descriptions and paths go into results, as they are.
        if (const auto problem = result_text_problem(*v); !problem.empty()) fail(key, problem + ", which a result cannot hold");
        return *v;
      }
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

  // The file's `name`: required (`missing` says what needs it), non-empty, without spaces or
  // slashes, and not starting with '.' or '-', since it names result files (found 5 December 2026
  // by a hostile-input sweep: "." named a hidden results/.-host-time.json).
  std::string result_name(const toml::table& root, std::string_view missing) const {
    const auto* node = root.get("name");
    if (!node) fail("name", fmt::format("missing: {}", missing));
    auto name = scalar<std::string>(*node, "name");
    // With the host and the time it must fit a file name's 255 bytes (300 characters left an empty
    // results/ folder and "File name too long": found 5 December 2026 by a hostile-input sweep).
    constexpr std::size_t kLongest = 128;
    if (name.size() > kLongest) fail("name", fmt::format("is {} bytes long; at most {}, since it names result files", name.size(), kLongest));
    const bool control = std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; });
    if (name.empty() || control || name.find_first_of("/\\ ") != std::string::npos || name.starts_with('.') || name.starts_with('-'))
      fail("name", "must be non-empty, without spaces, slashes or control characters, and not start with '.' or '-' (it names "
                   "result files)");
    return name;
  }

  const toml::table& table(const toml::node& node, std::string_view key) const {
    if (const auto* t = node.as_table()) return *t;
    fail(key, fmt::format("expected a table, got {}", type_name(node)));
  }

 private:
  std::filesystem::path file_;
};

}  // namespace framebench
