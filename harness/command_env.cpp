#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "harness/command.hpp"
#include "harness/environment.hpp"

namespace framebench::harness {

void add_env_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("env", "Print what results record about this build and machine");
  sub->callback([&action] {
    action = [] {
      for (const auto& [key, value] : collect_environment()) fmt::print("{:<28} {}\n", key, value);
      return 0;
    };
  });
}

}  // namespace framebench::harness
