#include "core/result_text.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace framebench {

namespace {

// The length of the UTF-8 sequence starting at `at`, or 0 if it is not one (overlong forms,
// surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return 0;
  char32_t code = lead & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < least[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string utf8_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return "holds bytes that are not UTF-8";
    i += length;
  }
  return {};
}

std::string result_text_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return fmt::format("holds the control character U+{:04X}", c);
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return "holds bytes that are not UTF-8";
    // U+FFFE and U+FFFF: EF BF BE and EF BF BF.
    if (length == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBF && (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE)
      return fmt::format("holds U+{:04X} (a noncharacter XML does not allow)", static_cast<unsigned char>(text[i + 2]) == 0xBE ? 0xFFFE : 0xFFFF);
    i += length;
  }
  return {};
}

std::string one_printable_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x20 || c == 0x7F ? 0 : utf8_sequence(text, i);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string single_line_text(std::string_view text) {
  std::string spaced(text);
  std::replace_if(spaced.begin(), spaced.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return one_printable_line(spaced);
}

std::string utf8_prefix(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return std::string(text.substr(0, bytes));
}

}  // namespace framebench
