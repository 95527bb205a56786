#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/command.hpp"
#include "reports/compare.hpp"
#include "reports/result_file.hpp"

namespace framebench::cli {

void add_compare_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("compare", "Compare two result files case by case, with a Mann-Whitney U test per metric");
  auto a = std::make_shared<std::string>();
  auto b = std::make_shared<std::string>();
  auto metrics = std::make_shared<std::vector<std::string>>();
  sub->add_option("a", *a, "Baseline result file (A)")->required();
  sub->add_option("b", *b, "Result file compared with it (B)")->required();
  sub->add_option("--metric", *metrics,
                  "time (real), cpu_time, or a counter such as fps, encode_s, bytes_per_second; repeatable (default: time and fps)")
      ->allow_extra_args(false);
  sub->callback([&action, a, b, metrics] {
    action = [a, b, metrics] {
      const auto fa = reports::load_result_file(*a);
      const auto fb = reports::load_result_file(*b);
      const auto chosen = metrics->empty() ? reports::default_metrics(fa, fb) : *metrics;
      fmt::print("{}", reports::format_comparison(reports::compare_results(fa, fb, chosen), fa, fb));
      return 0;
    };
  });
}

}  // namespace framebench::cli
