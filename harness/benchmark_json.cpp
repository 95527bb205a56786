#include "harness/benchmark_json.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

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

}  // namespace framebench::harness
