#pragma once
// "Did you mean" for unknown names: the closest candidate by edit distance, if close enough, and
// the one message format for unknown names.
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// The one message for a name no registry knows (strategies, kernels, implementations, encoders,
// datasets): "unknown <what> '<name>' (did you mean '<closest>'?); known: a, b, c".
std::string unknown_name_message(std::string_view what, std::string_view name, const std::vector<std::string>& known);

}  // namespace framebench
