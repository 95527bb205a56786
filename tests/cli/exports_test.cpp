// run --export-markdown/--export-csv and `summary` of an existing result file.
#include <gtest/gtest.h>

#include <fstream>

#include "core/scratch_dir.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::expect_one_line_error;
using testing::lines;
using testing::run_framebench;
using testing::slurp;

TEST(Exports, RunWritesBothTablesAndSummaryRewritesThemFromTheResultFile) {
  ScratchDir dir("exports-test");
  const auto r = run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--filter", "box5", "--repetitions", "1", "--out",
                                 (dir / "r.json").string(), "--export-markdown", (dir / "r.md").string(), "--export-csv",
                                 (dir / "r.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("summary table: " + (dir / "r.md").string()), std::string::npos) << r.out;
  const auto csv = lines(slurp(dir / "r.csv"));
  ASSERT_EQ(csv.size(), 3u);  // the header and the two box5 cases
  EXPECT_TRUE(csv[0].starts_with("strategy,dataset,kernel,encoder,workers,median_time_s,fps,")) << csv[0];
  EXPECT_TRUE(csv[1].starts_with("single-core,tiny,box5,")) << csv[1];
  const auto md = lines(slurp(dir / "r.md"));
  ASSERT_GE(md.size(), 4u);
  EXPECT_TRUE(md[0].starts_with("| strategy | dataset | kernel | encoder | workers | median time (s) |")) << md[0];

  // The same tables from the file afterwards; the Markdown on stdout too.
  const auto s = run_framebench({"summary", (dir / "r.json").string(), "--export-markdown", (dir / "again.md").string(),
                                 "--export-csv", (dir / "again.csv").string()});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_EQ(slurp(dir / "again.csv"), slurp(dir / "r.csv"));
  EXPECT_EQ(slurp(dir / "again.md"), slurp(dir / "r.md"));
  EXPECT_TRUE(s.out.starts_with(slurp(dir / "r.md"))) << s.out;
  // The files written are named on stderr: stdout is the table, for a redirect into a .md file.
  EXPECT_EQ(s.out.find("summary table:"), std::string::npos) << s.out;
  EXPECT_NE(s.err.find("summary table: " + (dir / "again.md").string()), std::string::npos) << s.err;
  // A folder not there yet is made, as for --out (found 6 December 2026 by a sweep of
  // environments: refused, "cannot write there").
  const auto made = run_framebench({"summary", (dir / "r.json").string(), "--export-csv", (dir / "new" / "deeper" / "t.csv").string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(slurp(dir / "new" / "deeper" / "t.csv"), slurp(dir / "r.csv"));
}

TEST(Exports, AnExportThatCannotBeWrittenStopsTheRunBeforeItMeasures) {
  ScratchDir dir("exports-test");
  std::ofstream(dir / "file") << "in the way";
  const auto r = run_framebench({"run", FRAMEBENCH_SOURCE_DIR "/configs/ci.toml", "--out", (dir / "r.json").string(), "--export-csv",
                                 (dir / "file" / "r.csv").string()});
  expect_one_line_error(r, (dir / "file").string() + ": cannot create the output directory (Not a directory)");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);  // no results, no temporary
  expect_one_line_error(run_framebench({"summary", (dir / "missing.json").string()}), "missing.json");
}

}  // namespace
}  // namespace framebench
