#pragma once
// What text a result can hold as it is: what Google Benchmark writes into JSON and reads back
// strictly, and what a report then draws into SVG charts, which XML 1.0 reads strictly. That is
// UTF-8 without control characters other than tab, line feed and carriage return (Google
// Benchmark writes most of them raw; XML allows none of the others), and without U+FFFE and
// U+FFFF (XML allows neither). Names and paths that end up in results are checked against it
// before anything runs, and result files' case names when they are read: found 5 December 2026
// by hostile-input sweeps, a config named "h3\u0001x" ran its whole first round and then failed
// on its own results, and a result whose case name held U+FFFE failed `report` in rsvg-convert.
#include <string>
#include <string_view>

namespace framebench {

// Empty if `text` can go into a result as it is, else why not ("holds the control character
// U+0001", "holds bytes that are not UTF-8", "holds U+FFFE (a noncharacter XML does not allow)").
std::string result_text_problem(std::string_view text);
// The UTF-8 part of it alone: what JSON text can hold, control characters escaped (the worker
// protocol's names, which reach no result or chart).
std::string utf8_problem(std::string_view text);
// `text` with every control character and every byte that is not UTF-8 written as \xNN: a message
// that names a user's file or value stays one line, shown as it is (found 5 December 2026 by a
// hostile-input sweep: `kernels --kernel $'box3\xff'` put the raw byte on the terminal).
std::string one_printable_line(std::string_view text);
// A name or message shown in a table's row, a chart's line or a list: line breaks and tabs as
// spaces, the rest as one_printable_line (a failure's words may hold several lines, and an
// edited file escape sequences that would recolour or rewrite the terminal).
std::string single_line_text(std::string_view text);
// The first `bytes` of `text` or fewer, ending before a UTF-8 character rather than inside one
// (a continuation byte is 10xxxxxx): where a name or label is cut to fit.
std::string utf8_prefix(std::string_view text, std::size_t bytes);

}  // namespace framebench
