#include "reports/writer.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/output_lock.hpp"
#include "core/scratch_dir.hpp"
#include "core/status_line.hpp"
#include "core/users_path.hpp"
#include "harness/output_path.hpp"
#include "reports/charts.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/html.hpp"
#include "reports/render.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

namespace {

namespace fs = std::filesystem;

// Into the report's own staging folder, made moments before: a refusal there is a fault.
void write_file(const fs::path& path, const std::string& text) {
  AtomicFile file(path, AtomicFile::Place::checked_before);
  file.write(text);
  file.commit();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The names of the files a report wrote, one per line, kept beside them: a report written over
// it removes those of the earlier one it does not write again, and nothing else in the folder.
constexpr const char* kFileList = ".framebench-files";

// Every chart as Vega-Lite, SVG and PNG, index.html and the list of them, written into `dir`.
void make_report(const std::vector<ResultFile>& files, const std::vector<Chart>& charts, const fs::path& reports_dir, const fs::path& dir) {
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
  write_file(dir / "index.html", render_index_html(files, charts, svgs));
  std::string list = "index.html\n";
  for (const auto& c : charts) list += fmt::format("{0}.vl.json\n{0}.svg\n{0}.png\n", c.id);
  write_file(dir / kFileList, list);
}

// The file names in a report folder's list, where it has one (a folder from before the list, or
// not a report's, has none: nothing of it is removed). Only plain names in the folder itself, and
// only names a report gives its files: a list planted in a folder (or damaged) named a user's
// thesis.docx, and `report -o` there removed it, and the new list too (found 6 December 2026 by a
// sweep of the reports).
std::set<std::string> listed_files(const fs::path& dir) {
  std::set<std::string> names;
  std::ifstream in(dir / kFileList);
  // A chart's files are named by its id, which begins with its kind's name ("time-...").
  const auto a_report_file = [](const std::string& name) {
    if (name == "index.html") return true;
    if (!name.ends_with(".vl.json") && !name.ends_with(".svg") && !name.ends_with(".png")) return false;
    return std::any_of(chart_kinds().begin(), chart_kinds().end(),
                       [&](const ChartKind* kind) { return name.starts_with(fmt::format("{}-", kind->name())); });
  };
  for (std::string name; std::getline(in, name);)
    if (!name.empty() && name.find('/') == std::string::npos && a_report_file(name)) names.insert(name);
  return names;
}

// The staged report into `out_dir`: the folder itself where there is none yet (with the
// permissions a new folder gets, not the staging folder's 0700), else file by file over an
// earlier report's (each rename whole), whose listed files the new one does not write go.
void move_into(ScratchDir& staging, const fs::path& out_dir) {
  std::error_code ec;
  if (!fs::exists(out_dir, ec)) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    fs::permissions(staging.path(), static_cast<fs::perms>(0777 & ~mask), ec);
    fs::rename(staging.path(), out_dir, ec);
    if (ec) throw Error(fmt::format("{}: cannot move the report in place: {}", out_dir.string(), ec.message()));
    staging.release();
    return;
  }
  std::set<std::string> stale = listed_files(out_dir);
  for (const auto& name : listed_files(staging.path())) stale.erase(name);
  const auto move = [&](const fs::path& from) {
    fs::rename(from, out_dir / from.filename(), ec);
    if (ec) throw Error(fmt::format("{}: cannot move the report in place: {}", (out_dir / from.filename()).string(), ec.message()));
  };
  // The list last: moved in part-way, the earlier list still names what the next report removes.
  for (const auto& entry : fs::directory_iterator(staging.path()))
    if (entry.path().filename() != kFileList) move(entry.path());
  move(staging.path() / kFileList);
  // The earlier report's charts the new index no longer shows (found 5 December 2026: they stayed).
  for (const auto& name : stale)
    if (fs::symlink_status(out_dir / name, ec).type() == fs::file_type::regular) fs::remove(out_dir / name, ec);
}

}  // namespace

fs::path default_report_dir(const fs::path& first_result) {
  return first_result.parent_path() / (first_result.stem().string() + "-report");
}

fs::path write_report(const std::vector<fs::path>& results, const fs::path& out_dir) {
  if (results.empty()) throw InputError("report: no result file given");
  // One file given twice drew nothing twice and warned that its cases came "from X.json, not
  // X.json" (found 6 December 2026 by a sweep of the reports).
  for (std::size_t j = 1; j < results.size(); ++j)
    for (std::size_t i = 0; i < j; ++i) {
      std::error_code ec;
      if (results[i] == results[j] || fs::equivalent(results[i], results[j], ec))
        throw InputError(fmt::format("{}: given twice (as {} before)", results[j].string(), results[i].string()));
    }
  const auto files = load_result_files(results);
  const auto reports_dir = find_reports_dir();
  check_renderer(reports_dir);
  const auto charts = build_charts(files);
  const auto replaced = cases_drawn_from_a_later_file(files);
  for (std::size_t i = 0; i < replaced.size() && i < 3; ++i) StatusLine::standard_error().warn(replaced[i]);
  if (replaced.size() > 3) StatusLine::standard_error().warn(fmt::format("and {} more cases found in two files", replaced.size() - 3));

  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec))
    throw InputError(fmt::format("{}: cannot create the report folder (not a folder)", out_dir.string()));
  // A link to nothing (or to itself) is not a folder to make either (found 5 December 2026 by a
  // hostile-input sweep: the report was made and then failed to move, exit 1).
  if (fs::is_symlink(fs::symlink_status(out_dir, ec)) && !fs::exists(out_dir, ec))
    throw InputError(fmt::format("{}: cannot create the report folder (a link to nothing there)", out_dir.string()));
  // The report is made in a folder of its own and moved in: one that fails part-way (a full
  // disk) leaves no half-written file and no new empty folder. It is made inside an existing
  // report folder, else beside the new one: on the same file system either way, where the
  // user may write. The renderer gets absolute paths: it runs with our working directory but
  // may be given a relative -o.
  // A working directory removed meanwhile cannot anchor a relative -o (found 6 December 2026 by a
  // sweep of environments: std::filesystem's own words, exit 1).
  auto target = fs::absolute(out_dir, ec).lexically_normal();
  if (ec) throw InputError(fmt::format("{}: cannot create the report folder here ({})", out_dir.string(), ec.message()));
  if (!target.has_filename()) target = target.parent_path();  // "out/"
  const bool exists = fs::is_directory(target, ec);
  // The folders made for it go again if the report fails (found 6 December 2026 by a sweep of
  // environments: a render that failed left them, empty).
  std::optional<harness::MadeDirectories> made;
  if (!exists) {
    made.emplace(target);  // InputError naming the folder that cannot be made
    if (const std::size_t bytes = target.filename().string().size(); bytes > longest_name_in(target.parent_path()))
      throw InputError(fmt::format("{}: cannot create the report folder: its name is {} bytes, longer than the {} its folder's file "
                                   "system takes",
                                   out_dir.string(), bytes, longest_name_in(target.parent_path())));
  }
  const auto parent = exists ? target : target.parent_path();
  std::optional<ScratchDir> staging;
  try {
    staging.emplace(".framebench-report", parent);
  } catch (const Error& e) {
    throw InputError(fmt::format("{}: cannot create the report folder ({})", out_dir.string(), e.what()));
  }
  const OutputLock lock(target.has_filename() ? target : target.parent_path());  // one report into a folder at a time
  const auto dir = staging->path();
  try {
    make_report(files, charts, reports_dir, dir);
  } catch (const Error&) {
    rethrow_naming_users_path(dir, out_dir);
  }
  move_into(*staging, out_dir);
  return out_dir / "index.html";
}

}  // namespace framebench::reports
