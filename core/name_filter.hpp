#pragma once
// A user's regular expression (POSIX extended, as Google Benchmark reads --benchmark_filter)
// matched against case names, in bounded time and stack. std::regex backtracks: a pattern such
// as (.*)*(.*)*...X takes time exponential in its groups, in a loop no signal interrupts (found
// 5 December 2026 by a hostile-input sweep: `kernels --benchmark_filter=...` spun for 10 minutes
// through SIGTERM, then left its lock and scratch behind), and its compiler recurses once per
// level of nesting (30000 parentheses ended in SIGSEGV). So patterns are bounded in length and
// nesting before they are compiled, and names are matched in a child process, killed past the
// limit; Ctrl-C stops the wait. The child is forked, not spawned: it runs only std::regex and
// writes a pipe, and is called before framebench starts threads of its own (a CUDA runtime's
// may exist), with the signal handlers put back to their defaults.
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace framebench {

inline constexpr double kNameFilterLimitS = 2;
inline constexpr std::size_t kLongestNameFilter = 4096;  // characters
inline constexpr int kDeepestNameFilter = 256;           // levels of ( [ and {

// `pattern` as a message shows it: whole up to 60 characters, else its first 60 and how long it
// is (a refused pattern may be 4096 characters, and a message is one line).
std::string pattern_as_shown(std::string_view pattern);

// `pattern` compiled as Google Benchmark compiles a filter; InputError beginning with `shown`
// (the option as the user wrote it: "--filter '(box'") where it is too long, too deeply nested or
// not a regular expression.
std::regex compile_name_filter(std::string_view shown, const std::string& pattern);

// Per name, whether `pattern` is found in it. Throws InputError beginning with `shown` where the
// pattern does not compile or takes longer than `limit_s` for all the names; Interrupted on
// Ctrl-C or SIGTERM.
std::vector<bool> names_matching(std::string_view shown, const std::string& pattern, const std::vector<std::string>& names,
                                 double limit_s = kNameFilterLimitS);

}  // namespace framebench
