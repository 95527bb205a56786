#pragma once
// The summary table as people paste it into documents and spreadsheets (as hyperfine's
// --export-markdown and --export-csv): Markdown for reading, CSV with one number per cell and
// units in the column names for tools.
#include <filesystem>
#include <string>

#include "core/output_lock.hpp"
#include "core/scratch_dir.hpp"
#include "harness/output_path.hpp"
#include "reports/result_table.hpp"

namespace framebench::reports {

// A GitHub-flavoured Markdown table and a line saying what the intervals and speedups are.
std::string markdown_table(const ResultTable& table);
// RFC 4180 CSV with a header row; empty cells where a case has no value.
std::string csv_table(const ResultTable& table);

enum class TableFormat { markdown, csv };

// An export whose file is claimed when it is made (InputError naming it if it cannot be written
// there or another framebench is writing it, before a run spends its time) and written atomically
// by write(); dropped unwritten, it leaves nothing behind.
class TableExport {
 public:
  TableExport(const std::filesystem::path& path, TableFormat format);
  // Writes the summary table of `results` and puts the file in place.
  void write(const ResultFile& results);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  // Its folders made as --out's are (found 6 December 2026 by a sweep of environments: a missing
  // one was refused), and removed again if nothing is written.
  harness::MadeDirectories folders_;
  OutputLock lock_;  // two runs exporting to one file both said they wrote it (found 6 December 2026)
  AtomicFile file_;
  TableFormat format_;
};

}  // namespace framebench::reports
