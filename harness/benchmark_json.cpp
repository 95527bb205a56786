#include "harness/benchmark_json.hpp"

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace framebench::harness {

std::string strict_json(const std::string& text) {
  static constexpr std::array<std::string_view, 4> kBareWords = {"-NaN", "NaN", "-Infinity", "Infinity"};
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') in_string = true;
    bool replaced = false;
    for (auto word : kBareWords) {
      if (std::string_view(text).substr(i, word.size()) == word) {
        out += "null";
        i += word.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::optional<double> seconds_per_unit(std::string_view time_unit) {
  if (time_unit == "ns") return 1e-9;
  if (time_unit == "us") return 1e-6;
  if (time_unit == "ms") return 1e-3;
  if (time_unit == "s") return 1.0;
  return std::nullopt;
}

namespace {

double known_unit(const std::string& unit) {
  if (const auto seconds = seconds_per_unit(unit)) return *seconds;
  throw Error(fmt::format("benchmark output: unknown time_unit '{}'", unit));
}

}  // namespace

std::string cpu_time_from_counter(const std::string& text, const std::string& counter) {
  // ordered_json keeps Google Benchmark's key order, so the file reads as it wrote it.
  auto doc = nlohmann::ordered_json::parse(text);
  for (auto& entry : doc["benchmarks"]) {
    const auto it = entry.find(counter);
    if (it == entry.end() || !it->is_number()) continue;
    const double seconds = it->get<double>();
    entry["cpu_time"] = entry.value("aggregate_name", "") == "cv" ? seconds : seconds / known_unit(entry.value("time_unit", "ns"));
  }
  return doc.dump(2) + "\n";
}

std::string name_segment_value(std::string_view value) {
  std::string out;
  for (char c : value) out += c == '/' ? std::string("%2F") : c == '%' ? std::string("%25") : std::string(1, c);
  return out;
}

std::string name_value(std::string_view segment_value) {
  std::string out;
  for (std::size_t i = 0; i < segment_value.size(); ++i) {
    const auto code = segment_value.substr(i, 3);
    if (code == "%2F" || code == "%25") {
      out += code == "%2F" ? '/' : '%';
      i += 2;
    } else {
      out += segment_value[i];
    }
  }
  return out;
}

bool is_run_setting(std::string_view segment) {
  for (const char* prefix : {"iterations:", "repeats:", "min_time:", "min_warmup_time:"})
    if (segment.starts_with(prefix)) return true;
  return segment == "manual_time" || segment == "real_time" || segment == "process_time";
}

}  // namespace framebench::harness
