#include "reports/render.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench::reports {

namespace {

namespace fs = std::filesystem;

// The last lines of a child's output, enough to say what went wrong in one message.
std::string tail_lines(const std::string& text, std::size_t max_lines = 12) {
  std::size_t pos = text.size();
  while (pos > 0 && (text[pos - 1] == '\n' || text[pos - 1] == ' ')) --pos;
  const auto end = pos;
  for (std::size_t lines = 0; pos > 0; --pos)
    if (text[pos - 1] == '\n' && ++lines == max_lines) break;
  return text.substr(pos, end - pos);
}

}  // namespace

fs::path find_reports_dir() {
  if (const char* env = std::getenv("FRAMEBENCH_REPORTS_DIR"); env && *env) return env;
  std::error_code ec;
  const auto bundled = self_executable().parent_path() / "reports";
  if (fs::exists(bundled / "render.mjs", ec)) return bundled;
  return fs::path(FRAMEBENCH_SOURCE_DIR) / "reports";
}

void check_renderer(const fs::path& reports_dir) {
  std::error_code ec;
  if (!fs::exists(reports_dir / "render.mjs", ec))
    throw InputError(fmt::format("{}: no render.mjs here; set FRAMEBENCH_REPORTS_DIR to framebench's reports folder",
                                 reports_dir.string()));
  for (const char* package : {"vega", "vega-lite"})
    if (!fs::exists(reports_dir / "node_modules" / package / "package.json", ec))
      throw InputError(fmt::format("{}: Node package {} is not installed; run scripts/setup (it runs npm ci there)",
                                   (reports_dir / "node_modules").string(), package));
  if (find_in_path("node").empty()) throw InputError("node: not found in PATH; run scripts/setup to install Node.js");
  if (find_in_path("rsvg-convert").empty())
    throw InputError("rsvg-convert: not found in PATH; run scripts/setup (Debian package librsvg2-bin)");
}

namespace {

// One node's command line at most this long: Linux takes 2 MiB of arguments and environment, and a
// report of thousands of charts passed that (found 6 December 2026 by a sweep of large configs:
// "Argument list too long" after minutes of work, no report). A call loads vega once for its batch.
constexpr std::size_t kArgumentBytes = 256 * 1024;

}  // namespace

void render_svgs(const fs::path& reports_dir, const std::vector<std::pair<fs::path, fs::path>>& jobs) {
  for (std::size_t next = 0; next < jobs.size();) {
    std::vector<std::string> argv = {"node", (reports_dir / "render.mjs").string()};
    std::size_t bytes = 0;
    for (; next < jobs.size() && (argv.size() == 2 || bytes < kArgumentBytes); ++next) {
      argv.push_back(jobs[next].first.string());
      argv.push_back(jobs[next].second.string());
      bytes += argv[argv.size() - 2].size() + argv.back().size() + 2;
    }
    const auto r = run_capture(argv, ChildStderr::keep);
    if (!r.status.ok())
      // Its own words where it printed any (on stderr, which the terminal showed: nothing to add).
      throw Error(fmt::format("rendering charts with node render.mjs failed ({}){}", r.status.describe(),
                              r.out.empty() ? "" : ": " + tail_lines(r.out)));
    // Vega's warnings: the charts were drawn, but a spec may deserve a look.
    if (!r.out.empty()) std::fprintf(stderr, "%s", r.out.c_str());
  }
}

void svg_to_png(const fs::path& svg, const fs::path& png, double zoom) {
  // Its stderr is kept for our one line rather than printed beside it, in scratch: the report's
  // own disk may be the full one.
  const ScratchDir scratch("framebench-rsvg");
  const fs::path said = scratch / "stderr";
  SpawnOptions options;
  options.stderr_file = said;
  Subprocess child({"rsvg-convert", "--format=png", fmt::format("--zoom={}", zoom), "--output", png.string(), svg.string()}, options);
  const ExitStatus status = child.wait();
  std::ifstream in(said);
  std::string first_line;
  std::getline(in, first_line);
  if (!status.ok())
    throw Error(fmt::format("rsvg-convert {}: {}{}", svg.string(), status.describe(), first_line.empty() ? "" : ": " + first_line));
}

}  // namespace framebench::reports
