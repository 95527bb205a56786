#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/command.hpp"
#include "core/result_text.hpp"
#include "reports/writer.hpp"

namespace framebench::cli {

void add_report_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("report", "Charts (Vega-Lite, SVG, PNG) and a self-contained index.html from result files");
  auto results = std::make_shared<std::vector<std::string>>();
  auto out = std::make_shared<std::string>();
  sub->add_option("results", *results, "Result files (JSON from `framebench run` or `framebench kernels`)")->required()->check(non_empty_path());
  sub->add_option("-o,--out", *out, "Output folder (default: beside the first result file, <its stem>-report/)")->check(non_empty_path());
  sub->callback([&action, results, out] {
    action = [results, out] {
      std::vector<std::filesystem::path> paths(results->begin(), results->end());
      const auto dir = out->empty() ? reports::default_report_dir(paths.front()) : std::filesystem::path(*out);
      const auto index = reports::write_report(paths, dir);
      fmt::print("{}\n", one_printable_line(index.string()));
      return 0;
    };
  });
}

}  // namespace framebench::cli
