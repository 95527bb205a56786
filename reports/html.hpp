#pragma once
// The report's index.html: every chart's SVG inline (no script, nothing fetched: it opens offline
// from disk), the table of its numbers, failed and skipped cases, and each file's provenance.
// Every string that came from a result file is HTML-escaped.
#include <string>
#include <string_view>
#include <vector>

#include "reports/charts.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

std::string html_escape(std::string_view text);

// `svgs[i]` is the rendered SVG of `charts[i]`. Throws Error if an SVG is not a plain <svg>
// document or holds a script.
std::string render_index_html(const std::vector<ResultFile>& files, const std::vector<Chart>& charts,
                              const std::vector<std::string>& svgs);

}  // namespace framebench::reports
