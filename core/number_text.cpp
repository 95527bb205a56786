#include "core/number_text.hpp"

#include <charconv>
#include <cmath>

namespace framebench {

std::optional<double> finite_number(std::string_view text) {
  // from_chars takes a leading '-' only; a '+' is as much a sign to a user.
  if (text.starts_with('+') && text.size() > 1 && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace framebench
