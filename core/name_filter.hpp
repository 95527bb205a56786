#pragma once
// A user's regular expression (POSIX extended, as Google Benchmark reads --benchmark_filter)
// matched against case names, in bounded time. std::regex backtracks: a pattern such as
// (.*)*(.*)*...X takes time exponential in its groups, in a loop no signal interrupts (found
// 5 December 2026 by a hostile-input sweep: `kernels --benchmark_filter=...` spun for 10 minutes
// through SIGTERM, then left its lock and scratch behind). So the names are matched in a child
// process, which is killed past the limit, and Ctrl-C stops the wait.
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

inline constexpr double kNameFilterLimitS = 2;

// Per name, whether `pattern` is found in it. Throws InputError naming `option` where the pattern
// is not a regular expression, or takes longer than `limit_s` for all the names; Interrupted on
// Ctrl-C or SIGTERM.
std::vector<bool> names_matching(std::string_view option, const std::string& pattern, const std::vector<std::string>& names,
                                 double limit_s = kNameFilterLimitS);

}  // namespace framebench
