#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>

#include "cli/command.hpp"
#include "core/number_text.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::cli {

namespace {

// Refuses an empty value with `why`, which CLI11 puts after the option's name.
CLI::Validator not_empty(std::string why, std::string name) {
  return CLI::Validator([why](const std::string& value) { return value.empty() ? why : std::string(); }, /*validator_desc=*/"",
                        std::move(name));
}

}  // namespace

// "-" is no standard stream here but a file of that name (found 5 December 2026 by a hostile-input
// sweep: `run --out -` wrote ./-), so it is refused with the way to name such a file.
CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](const std::string& value) {
        if (value.empty()) return std::string("an empty path names no file");
        if (value == "-") return std::string("'-' is not standard input or output here but a file of that name; write ./- for it");
        return std::string();
      },
      /*validator_desc=*/"", "non-empty path");
}

CLI::Validator non_empty_value() { return not_empty("an empty value says nothing", "non-empty value"); }

CLI::Validator finite_range(double low, double high) {
  return CLI::Validator(
      [low, high](const std::string& value) {
        const auto v = finite_number(value);
        return v && *v >= low && *v <= high ? std::string() : fmt::format("'{}' is not a number from {} to {}", value, low, high);
      },
      fmt::format("FLOAT in [{} - {}]", low, high), "finite range");
}

CLI::Validator whole_range(long long low, long long high) {
  return CLI::Validator(
      [low, high](const std::string& value) {
        const auto v = whole_number<long long>(value);
        return v && *v >= low && *v <= high ? std::string() : fmt::format("'{}' is not a whole number from {} to {}", value, low, high);
      },
      fmt::format("INT in [{} - {}]", low, high), "whole range");
}

CLI::Validator positive_seconds() {
  return CLI::Validator(
      [](const std::string& value) {
        const auto v = finite_number(value);
        return v && *v > 0 && *v <= harness::kMostSeconds ? std::string()
                                                 : fmt::format("'{}' is not a positive number of seconds (at most {:.0f})", value, harness::kMostSeconds);
      },
      "SECONDS", "positive seconds");
}

}  // namespace framebench::cli
