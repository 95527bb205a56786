#pragma once
// Turns Vega-Lite specs into SVG (Node: reports/render.mjs with the vega and vega-lite pinned in
// reports/package.json) and SVG into PNG (Debian's rsvg-convert). Both run as child processes
// without a shell.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace framebench::reports {

// The reports folder (render.mjs, package.json, node_modules): $FRAMEBENCH_REPORTS_DIR, else
// `reports` next to the executable (bundles), else the source tree's reports/.
std::filesystem::path find_reports_dir();

// Throws InputError (one line, telling to run scripts/setup) when node, the installed Node
// packages or rsvg-convert are missing.
void check_renderer(const std::filesystem::path& reports_dir);

// Renders each (spec .vl.json, output .svg) pair with one Node process. Throws Error with the
// renderer's stderr on failure.
void render_svgs(const std::filesystem::path& reports_dir,
                 const std::vector<std::pair<std::filesystem::path, std::filesystem::path>>& jobs);

// Writes a PNG of an SVG at `zoom` times its size.
void svg_to_png(const std::filesystem::path& svg, const std::filesystem::path& png, double zoom = 2.0);

}  // namespace framebench::reports
