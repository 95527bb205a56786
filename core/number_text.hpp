#pragma once
// A number written as text (an option's value, a Google Benchmark flag, a kernel's coefficient,
// a result's context entry), read the one way everywhere: the whole text and nothing else (no
// spaces around it), decimal or scientific notation with an optional sign, and finite (not inf,
// nan, or a value a double cannot hold).
// whole_number reads an integer the same way: the whole text, digits with an optional '-' for
// signed types, and within the type.
#include <charconv>
#include <concepts>
#include <optional>
#include <string_view>

namespace framebench {

std::optional<double> finite_number(std::string_view text);

template <std::integral T>
std::optional<T> whole_number(std::string_view text) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace framebench
