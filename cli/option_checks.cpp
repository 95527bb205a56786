#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "cli/command.hpp"

namespace framebench::cli {

CLI::Validator non_empty_path() {
  return CLI::Validator([](const std::string& value) { return value.empty() ? std::string("an empty path names no file") : std::string(); },
                        /*validator_desc=*/"", "non-empty path");
}

CLI::Validator non_empty_value() {
  return CLI::Validator([](const std::string& value) { return value.empty() ? std::string("an empty value says nothing") : std::string(); },
                        /*validator_desc=*/"", "non-empty value");
}

CLI::Validator finite_range(double low, double high) {
  return CLI::Validator(
      [low, high](const std::string& value) {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (value.empty() || *end != '\0' || !std::isfinite(v) || v < low || v > high)
          return fmt::format("'{}' is not a number from {} to {}", value, low, high);
        return std::string();
      },
      fmt::format("FLOAT in [{} - {}]", low, high), "finite range");
}

}  // namespace framebench::cli
