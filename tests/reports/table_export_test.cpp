#include "reports/table_export.hpp"
#include "reports/terminal_table.hpp"

#include <fstream>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using namespace framebench::testing;

// A result file whose failed case's message holds what CSV and Markdown must escape. It records no
// confidence level, so the table says "interval" without one.
ResultFile awkward_file() {
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  for (auto& b : result["benchmarks"])
    if (b.contains("error_message")) b["error_message"] = "did not verify: \"PSNR\" 20.1, worst | frame\nat 7";
  return parse_result_json(result.dump(), "awkward.json");
}

// Cells of a Markdown table row; "\|" stays inside its cell.
std::vector<std::string> markdown_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += line[++i];
    } else if (line[i] == '|') {
      cells.push_back(cell.substr(1, cell.size() - 2));  // without the spaces around it
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

TEST(TableExport, MarkdownHasOneRowPerCaseAndSkippedCaseWithEveryCellInItsColumn) {
  const auto file = awkward_file();
  const auto text = markdown_table(result_table(file));
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("|")) rows.push_back(markdown_cells(line));
  ASSERT_EQ(rows.size(), 2 + file.cases.size() + file.unavailable.size()) << text;
  EXPECT_EQ(rows[0], (std::vector<std::string>{"strategy", "dataset", "kernel", "encoder", "workers", "median time (s)", "fps [interval]",
                                               "speedup [interval]", "n", "noise", "status"}));
  EXPECT_EQ(rows[1][0], "---");
  EXPECT_EQ(rows[1][5], "---:");  // numbers align right
  for (const auto& r : rows) EXPECT_EQ(r.size(), rows[0].size()) << text;
  // Workers as used: the fixture's tbb-pipeline ran with workers:0 ("all cores"), which came to 2.
  for (const auto& r : rows) {
    if (r[0] == "tbb-pipeline") {
      EXPECT_EQ(r[4], "all (2)") << text;
    }
  }
  EXPECT_EQ(rows.back()[0], "cuda-shared");
  EXPECT_EQ(rows.back()[10], "skipped: no CUDA device");
  int failed = 0;
  for (const auto& r : rows) failed += r[10] == "failed: did not verify: \"PSNR\" 20.1, worst | frame at 7";
  EXPECT_EQ(failed, 1) << text;
}

// What `run` ends with: the Markdown's cells, one line per case (a failure's line break kept out),
// each column starting where its header does.
TEST(TableExport, TheTerminalTableHasTheMarkdownsCellsInAlignedColumns) {
  const auto table = result_table(awkward_file());
  const std::string text = terminal_table(table);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // The header, the rows and, where the file names a baseline, what the speedups are over.
  ASSERT_EQ(lines.size(), 1 + table.rows.size() + !table.baseline.empty()) << text;
  if (!table.baseline.empty()) {
    EXPECT_TRUE(lines.back().starts_with("speedup: over " + table.baseline)) << text;
  }
  const std::size_t status_at = lines[0].find("status");
  ASSERT_NE(status_at, std::string::npos);
  int failed = 0;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& line = lines[i + 1];
    EXPECT_TRUE(line.starts_with(table.rows[i].params[0])) << line;
    ASSERT_GT(line.size(), status_at) << line;
    EXPECT_NE(line[status_at], ' ') << line;
    EXPECT_EQ(line[status_at - 1], ' ') << line;
    failed += line.substr(status_at) == "failed: did not verify: \"PSNR\" 20.1, worst | frame at 7";
  }
  EXPECT_EQ(failed, 1) << text;
  const auto markdown = markdown_table(table);
  const auto first_fps = markdown_cells(markdown.substr(markdown.find("\n|", markdown.find("\n") + 1) + 1))[6];
  EXPECT_NE(lines[1].find(first_fps), std::string::npos) << lines[1] << " / " << first_fps;
}

// Markdown passes HTML through: a name or a failure's words that look like markup stay text
// (found 6 December 2026 by a sweep of the reports: "<img src=x onerror=...>" went in raw).
TEST(TableExport, MarkdownKeepsMarkupInNamesAsText) {
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  for (auto& b : result["benchmarks"])
    if (b.contains("error_message")) b["error_message"] = "<img src=x onerror=alert(1)> \\<img src=y//>";
  const auto text = markdown_table(result_table(parse_result_json(result.dump(), "markup.json")));
  for (auto at = text.find('<'); at != std::string::npos; at = text.find('<', at + 1)) EXPECT_EQ(text[at - 1], '\\') << text;
  EXPECT_NE(text.find("\\<img src=x onerror=alert(1)\\> \\\\\\<img src=y//\\>"), std::string::npos)
      << "a backslash of the text's own is escaped too, or it would undo the one before <: " << text;
}

// A case with no baseline case to pair with shows "-" as its speedup, and the note says why
// (found 6 December 2026 by a review of first use: a --filter that left out single-core).
TEST(TableExport, TheNoteSaysWhyACaseShowsNoSpeedup) {
  auto result = read_json(fixture("e2e_intervals_old.json"));
  const auto note_of = [](const nlohmann::json& j) {
    const auto text = terminal_table(result_table(parse_result_json(j.dump(), "unpaired.json")));
    return text.substr(text.rfind("speedup: over"));
  };
  EXPECT_EQ(note_of(result).find("no speedup"), std::string::npos) << note_of(result);
  for (auto& b : result["benchmarks"])
    if (b["name"].get<std::string>().find("strategy:multiprocess-segments/") != std::string::npos)
      for (const char* key : {"speedup", "speedup_ci_low", "speedup_ci_high", "speedup_ci_coverage", "speedup_noise"}) b.erase(key);
  EXPECT_NE(note_of(result).find(" 1 case shows no speedup: its single-core case did not run or did not succeed."), std::string::npos)
      << note_of(result);
}

// A kernel's time per frame is a fraction of a millisecond: shown in ms to its significant digits,
// not as 0.0000 s (found 6 December 2026 by a sweep of the reports).
TEST(TableExport, MarkdownShowsShortTimesToTheirSignificantDigits) {
  auto result = read_json(fixture("kernels_box_sweep.json"));
  for (auto& b : result["benchmarks"])
    if (b.contains("real_time")) b["real_time"] = 0.04321, b["time_unit"] = "ms";  // 43.21 us a frame
  const auto text = markdown_table(result_table(parse_result_json(result.dump(), "fast.json")));
  EXPECT_EQ(text.find("| 0.0000 |"), std::string::npos) << text;
  EXPECT_NE(text.find("| ms/frame |"), std::string::npos) << text;
  EXPECT_NE(text.find("| 0.04321 |"), std::string::npos) << text;
  // ... with their trailing zeros, as the column's other times (found 6 December 2026 by a review
  // of first use: 0.0174 beside 0.02265).
  EXPECT_NE(markdown_table(result_table(load_result_file(fixture("e2e_quick_host_a.json")))).find("| 10.20 |"), std::string::npos);
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("|")) rows.push_back(markdown_cells(line));
  ASSERT_GT(rows.size(), 2u);
  const double shown = std::stod(rows[2][4]);  // impl, kernel, size, threads, then the median time
  EXPECT_GT(shown, 0) << text;
}

// A GPU twin's iteration is a batch of frames: its row's time is per frame, as every kernel row's
// and as its own fps says (found 6 December 2026 by a sweep of the reports: @device rows showed
// a batch's time beside a frame's rate).
TEST(TableExport, KernelRowsShowTimePerFrameForGpuBatchesToo) {
  const auto table = result_table(load_result_file(FRAMEBENCH_SOURCE_DIR "/docs/results/h200/run-1/kernels.json"));
  int batched = 0;
  for (const auto& row : table.rows) {
    if (!row.median_s || !row.fps) continue;
    batched += row.params[0].find('@') != std::string::npos;
    EXPECT_NEAR(*row.median_s * *row.fps, 1.0, 0.05) << row.params[0] << " " << row.params[1] << " " << row.params[2];
  }
  EXPECT_GT(batched, 0);
}

// Found 6 December 2026 by a review of first use: one repetition showed [x, x] and 0.0% noise,
// as if perfectly precise; skipped native cases had an empty pixel_format; under the sequential
// order the note said "paired within each round"; workers = [0, 2] on two cores read "2" twice.
TEST(TableExport, OneRepetitionHasNoIntervalSkippedRowsSayTheirPixelFormatAndTheNoteFollowsTheOrder) {
  auto result = read_json(fixture("e2e_intervals_old.json"));
  auto& benchmarks = result["benchmarks"];
  std::set<std::string> kept;
  nlohmann::json one = nlohmann::json::array();
  for (auto b : benchmarks) {
    if (b.value("run_type", "") == "iteration" && !kept.insert(b.at("run_name").get<std::string>()).second) continue;
    if (b.contains("fps_ci_low")) b["fps_ci_low"] = b["fps_ci_high"] = b["fps"], b["noise"] = 0, b["ci_coverage"] = 0;  // as run writes one
    if (b.contains("speedup_ci_low")) b["speedup_ci_low"] = b["speedup_ci_high"] = b["speedup"], b["speedup_noise"] = 0;
    one.push_back(b);
  }
  benchmarks = one;
  result["context"]["order"] = "sequential";
  result["context"]["unavailable"] = nlohmann::json::array(
      {{{"case", "e2e/strategy:ffmpeg-native/dataset:tiny/kernel:box5/encoder:x264-ultrafast/workers:0/pixel_format:native"},
        {"scope", "strategy"},
        {"reason", "no"}}});
  const auto table = result_table(parse_result_json(result.dump(), "one.json"));
  int measured = 0;
  for (const auto& row : table.rows) {
    if (!row.fps) continue;
    ++measured;
    EXPECT_EQ(row.repetitions, 1);
    EXPECT_FALSE(row.fps_low || row.fps_high || row.noise) << row.params[0];
  }
  EXPECT_GT(measured, 0);
  ASSERT_EQ(table.param_names.back(), "pixel_format");
  EXPECT_EQ(table.rows.back().params.back(), "native");
  EXPECT_EQ(table.rows.front().params.back(), "bgr24");
  EXPECT_NE(markdown_table(table).find("the n-th repetition paired with the baseline's n-th"), std::string::npos) << markdown_table(table);
}

// Found 5 December 2026 by a sweep: a run with [verify] mode = "off" read as verified everywhere.
TEST(TableExport, ARunThatDidNotVerifySaysSo) {
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  result["context"]["verify_mode"] = "off";
  const auto table = result_table(parse_result_json(result.dump(), "off.json"));
  int unchecked = 0;
  for (const auto& row : table.rows) unchecked += row.status.ends_with(", not verified (verify mode off)");
  EXPECT_GT(unchecked, 0);
  for (const auto& row : table.rows) {
    if (row.status.starts_with("failed") || row.status.starts_with("skipped")) {
      EXPECT_EQ(row.status.find("not verified ("), std::string::npos) << row.status;
    }
  }
}

// Found 5 December 2026 by a sweep: after an interrupted run, the cases it never reached read
// "failed: no repetition" with n = 1 (their error entry counted as a repetition).
TEST(TableExport, CasesTheRunNeverReachedAreNotRunAndFailedOnesCountNoErrorEntry) {
  auto result = read_json(fixture("e2e_quick_host_a.json"));
  std::string stopped_before;
  for (auto& b : result["benchmarks"])
    if (b.value("error_occurred", false)) {
      b["error_message"] = "no repetition";
      stopped_before = b.at("run_name").get<std::string>();
    }
  ASSERT_FALSE(stopped_before.empty());
  const auto table = result_table(parse_result_json(result.dump(), "stopped.json"));
  int not_run = 0;
  for (const auto& row : table.rows)
    if (row.status == "not run: the run was stopped before it") {
      ++not_run;
      EXPECT_EQ(row.repetitions, 0);
      EXPECT_EQ(row.params[4], "all");  // workers:0 with no count recorded, not "0"
    }
  EXPECT_EQ(not_run, 1);
}

TEST(TableExport, CsvReadsBackThroughPythonsCsvModuleWithTheTablesNumbers) {
  const auto file = awkward_file();
  const auto table = result_table(file);
  ScratchDir dir("export-test");
  TableExport(dir / "summary.csv", TableFormat::csv).write(file);
  const auto parsed = run_capture({"python3", "-c", "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='')))))",
                                   (dir / "summary.csv").string()},
                                  ChildStderr::keep);
  ASSERT_TRUE(parsed.status.ok());
  const auto rows = nlohmann::json::parse(parsed.out);
  ASSERT_EQ(rows.size(), 1 + table.rows.size());
  EXPECT_EQ(rows[0], nlohmann::json({"strategy", "dataset", "kernel", "encoder", "workers", "median_time_s", "fps", "fps_ci_low",
                                     "fps_ci_high", "speedup", "speedup_ci_low", "speedup_ci_high", "repetitions", "noise", "status"}));
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& want = table.rows[i];
    const auto& got = rows[i + 1];
    ASSERT_EQ(got.size(), rows[0].size());
    EXPECT_EQ(got[0], want.params[0]);
    EXPECT_EQ(got[14], want.status);  // the quoted message, line break included, comes back whole
    if (want.fps) {
      EXPECT_DOUBLE_EQ(std::stod(got[6].get<std::string>()), *want.fps);
    } else {
      EXPECT_EQ(got[6], "");
    }
    if (want.speedup_low) {
      EXPECT_DOUBLE_EQ(std::stod(got[10].get<std::string>()), *want.speedup_low);
    }
  }
}

TEST(TableExport, AnUnwritablePathOrOneBeingWrittenFailsWhenClaimedAndAnUnwrittenExportLeavesNothing) {
  ScratchDir dir("export-test");
  std::ofstream(dir / "file") << "in the way";
  EXPECT_THROW(TableExport(dir / "file" / "summary.md", TableFormat::markdown), InputError);
  std::filesystem::remove(dir / "file");
  { TableExport unused(dir / "summary.md", TableFormat::markdown); }
  // A folder not there yet is made for it, as for --out, and goes again when nothing is written.
  { TableExport unused(dir / "new" / "summary.md", TableFormat::markdown); }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  // Two runs exporting to one file both said they wrote it, and it held one run's cases (found
  // 6 December 2026 by a sweep of concurrent use): the second is refused while the first holds it.
  const TableExport first(dir / "summary.csv", TableFormat::csv);
  try {
    const TableExport second(dir / "summary.csv", TableFormat::csv);
    ADD_FAILURE() << "two writers of one export";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("another framebench is writing it now"), std::string::npos) << e.what();
  }
}

// Found 6 December 2026: a dataset named "=HYPERLINK(...)" went into the CSV as it was, and a
// spreadsheet opening the export runs such a cell as a formula.
TEST(TableExport, CsvTextThatASpreadsheetWouldRunAsAFormulaIsKeptAsText) {
  ResultTable table;
  table.param_names = {"dataset", "workers"};
  ResultTableRow row;
  row.params = {"=HYPERLINK(\"http://x\",\"y\")", "-1"};
  row.status = "@ok";
  table.rows.push_back(row);
  const std::string csv = csv_table(table);
  const std::string data = csv.substr(csv.find("\r\n") + 2);
  EXPECT_TRUE(data.starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-1,")) << csv;  // quoted for its comma, as text
  EXPECT_NE(data.find(",'@ok\r\n"), std::string::npos) << csv;
}

// A file whose cases record their output's size gets a column of it in every table: MB in the
// printed ones, bytes in the CSV, "-" for a row without it (a failed case).
TEST(TableExport, OutputSizesGetAColumnWhereTheFileRecordsThem) {
  ResultTable table;
  table.param_names = {"strategy"};
  table.output_sizes = true;
  ResultTableRow measured;
  measured.params = {"single-core"};
  measured.output_bytes = 8'412'345;
  measured.status = "ok";
  ResultTableRow failed;
  failed.params = {"in-memory"};
  failed.status = "failed: x";
  table.rows = {measured, failed};
  const std::string markdown = markdown_table(table);
  EXPECT_NE(markdown.find("| output (MB) |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| 8.41 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| in-memory | - | - | - | - |"), std::string::npos) << markdown;
  const std::string csv = csv_table(table);
  EXPECT_NE(csv.find(",speedup_ci_high,output_bytes,repetitions,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",8412345,"), std::string::npos) << csv;
  table.output_sizes = false;
  EXPECT_EQ(markdown_table(table).find("output"), std::string::npos);
  EXPECT_EQ(csv_table(table).find("output_bytes"), std::string::npos);
}

}  // namespace
}  // namespace framebench::reports
