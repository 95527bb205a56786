#pragma once
// `framebench report`: result files in, a folder out with <chart>.vl.json, .svg and .png per chart
// and one self-contained index.html.
#include <filesystem>
#include <vector>

namespace framebench::reports {

// The default output folder: beside the first result file, "<its stem>-report".
std::filesystem::path default_report_dir(const std::filesystem::path& first_result);

// Writes the report and returns the path of index.html. Throws InputError for bad result files
// or a missing renderer (before writing anything), Error when rendering fails.
std::filesystem::path write_report(const std::vector<std::filesystem::path>& results, const std::filesystem::path& out_dir);

}  // namespace framebench::reports
