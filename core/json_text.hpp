#pragma once
// What text a result (JSON, written by Google Benchmark and read back strictly) can hold as it
// is: UTF-8 without the control characters Google Benchmark writes raw (it escapes only \b, \f,
// \n, \r and \t). Names and paths that end up in results are checked against it before anything
// runs: found 5 December 2026 by a hostile-input sweep, a config named "h3\u0001x" ran its whole
// first round and then failed on its own results.
#include <string>
#include <string_view>

namespace framebench {

// Empty if `text` can go into a result as it is, else why not ("holds the control character
// U+0001", "holds bytes that are not UTF-8").
std::string json_text_problem(std::string_view text);

}  // namespace framebench
