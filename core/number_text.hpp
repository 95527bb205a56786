#pragma once
// A number written as text (an option's value, a Google Benchmark flag, a kernel's coefficient,
// a result's context entry), read the one way everywhere: the whole text and nothing else (no
// spaces around it), decimal or scientific notation with an optional sign, and finite (not inf,
// nan, or a value a double cannot hold).
#include <optional>
#include <string_view>

namespace framebench {

std::optional<double> finite_number(std::string_view text);

}  // namespace framebench
