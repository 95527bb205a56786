#include "cli/table_exports.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "core/result_text.hpp"

namespace framebench::cli {

void add_export_options(CLI::App& sub, ExportPaths& paths) {
  sub.add_option("--export-markdown", paths.markdown, "also write the summary table as Markdown to FILE")->check(non_empty_path());
  sub.add_option("--export-csv", paths.csv, "also write the summary table as CSV to FILE")->check(non_empty_path());
}

TableExports::TableExports(const ExportPaths& paths) {
  if (!paths.markdown.empty()) markdown_.emplace(paths.markdown, reports::TableFormat::markdown);
  if (!paths.csv.empty()) csv_.emplace(paths.csv, reports::TableFormat::csv);
}

void TableExports::write(const std::filesystem::path& results, std::FILE* notes) {
  if (!markdown_ && !csv_) return;
  const auto file = reports::load_result_file(results);
  for (auto* e : {&markdown_, &csv_})
    if (*e) {
      (*e)->write(file);
      fmt::print(notes, "summary table: {}\n", one_printable_line((*e)->path().string()));
    }
}

}  // namespace framebench::cli
