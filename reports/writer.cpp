#include "reports/writer.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "reports/charts.hpp"
#include "reports/html.hpp"
#include "reports/render.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  AtomicFile file(path);
  {
    std::ofstream out(file.temp_path(), std::ios::binary);
    out << text;
    out.close();
    if (!out) throw Error(fmt::format("{}: cannot write", path.string()));
  }
  file.commit();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

fs::path default_report_dir(const fs::path& first_result) {
  return first_result.parent_path() / (first_result.stem().string() + "-report");
}

fs::path write_report(const std::vector<fs::path>& results, const fs::path& out_dir) {
  if (results.empty()) throw InputError("report: no result file given");
  const auto files = load_result_files(results);
  const auto reports_dir = find_reports_dir();
  check_renderer(reports_dir);
  const auto charts = build_charts(files);

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir))
    throw InputError(fmt::format("{}: cannot create the report folder ({})", out_dir.string(), ec ? ec.message() : "not a folder"));

  // The renderer gets absolute paths: it runs with our working directory but may be given a
  // relative -o.
  const auto dir = fs::absolute(out_dir);
  std::vector<std::pair<fs::path, fs::path>> jobs;
  for (const auto& c : charts) {
    write_file(dir / (c.id + ".vl.json"), c.spec.dump(2) + "\n");
    jobs.emplace_back(dir / (c.id + ".vl.json"), dir / (c.id + ".svg"));
  }
  render_svgs(reports_dir, jobs);
  std::vector<std::string> svgs;
  for (const auto& c : charts) {
    svg_to_png(dir / (c.id + ".svg"), dir / (c.id + ".png"));
    svgs.push_back(read_file(dir / (c.id + ".svg")));
  }
  const auto index = out_dir / "index.html";
  write_file(index, render_index_html(files, charts, svgs));
  return index;
}

}  // namespace framebench::reports
