#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <optional>

#include "cli/command.hpp"
#include "harness/measurement_policy.hpp"

namespace framebench::cli {

CLI::Validator non_empty_path() {
  return CLI::Validator([](const std::string& value) { return value.empty() ? std::string("an empty path names no file") : std::string(); },
                        /*validator_desc=*/"", "non-empty path");
}

CLI::Validator non_empty_value() {
  return CLI::Validator([](const std::string& value) { return value.empty() ? std::string("an empty value says nothing") : std::string(); },
                        /*validator_desc=*/"", "non-empty value");
}

namespace {

// The whole of `text` as a finite number, or nothing.
std::optional<double> finite_number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

CLI::Validator finite_range(double low, double high) {
  return CLI::Validator(
      [low, high](const std::string& value) {
        const auto v = finite_number(value);
        return v && *v >= low && *v <= high ? std::string() : fmt::format("'{}' is not a number from {} to {}", value, low, high);
      },
      fmt::format("FLOAT in [{} - {}]", low, high), "finite range");
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
