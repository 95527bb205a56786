#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/command.hpp"
#include "harness/environment.hpp"

namespace framebench::cli {

void add_env_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("env", "Print what results record about this build and machine");
  sub->callback([&action] {
    action = [] {
      for (const auto& [key, value] : harness::collect_environment()) fmt::print("{:<28} {}\n", key, value);
      return 0;
    };
  });
}

}  // namespace framebench::cli
