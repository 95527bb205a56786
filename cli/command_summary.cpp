#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/command.hpp"
#include "cli/table_exports.hpp"
#include "core/distinct_files.hpp"
#include "reports/result_file.hpp"
#include "reports/table_export.hpp"

namespace framebench::cli {

void add_summary_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("summary", "The summary table of a result file, as Markdown; --export-markdown/--export-csv write it to files");
  struct Args {
    std::string results;
    ExportPaths exports;
  };
  auto args = std::make_shared<Args>();
  sub->add_option("results", args->results, "result file (JSON from `framebench run` or `framebench kernels`)")->required()->check(non_empty_path());
  add_export_options(*sub, args->exports);
  sub->callback([&action, args] {
    action = [args] {
      check_distinct_files({{args->exports.markdown, "--export-markdown"}, {args->exports.csv, "--export-csv"}},
                           {{args->results, "the result file"}});
      TableExports exports(args->exports);
      const auto file = reports::load_result_file(args->results);
      fmt::print("{}", reports::markdown_table(reports::result_table(file)));
      exports.write(args->results, stderr);
      return 0;
    };
  });
}

}  // namespace framebench::cli
