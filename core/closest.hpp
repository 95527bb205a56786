#pragma once
// "Did you mean" for unknown names: the closest candidate by edit distance, if close enough.
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace framebench
