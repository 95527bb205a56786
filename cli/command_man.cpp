#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/cli_model.hpp"
#include "cli/command.hpp"
#include "cli/man_page.hpp"
#include "harness/environment.hpp"

namespace framebench::cli {

void add_man_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("man", "Print the manual page framebench(1) in roff");
  sub->footer("read it with: framebench man > framebench.1 && man -l framebench.1");
  sub->callback([&action, &app] {
    action = [&app] {
      fmt::print("{}", man_page(describe_cli(app, value_choices()), framebench_version_string()));
      return 0;
    };
  });
}

}  // namespace framebench::cli
