#pragma once
// --export-markdown FILE and --export-csv FILE, shared by `run` and `summary`: the summary table
// of a result file (reports/table_export.hpp), written atomically.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "reports/table_export.hpp"

namespace CLI {
class App;
}

namespace framebench::cli {

struct ExportPaths {
  std::string markdown, csv;
};

void add_export_options(CLI::App& sub, ExportPaths& paths);

class TableExports {
 public:
  // Claims the files now, so that a path that cannot be written fails (exit 2) before a run.
  explicit TableExports(const ExportPaths& paths);
  // Writes each requested export of the result file and says where.
  // Each file written is named on `notes`: stdout for `run`, stderr for `summary`, whose stdout
  // is the table itself.
  void write(const std::filesystem::path& results, std::FILE* notes = stdout);

 private:
  std::optional<reports::TableExport> markdown_, csv_;
};

}  // namespace framebench::cli
