#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/cli_model.hpp"
#include "cli/command.hpp"
#include "cli/completion.hpp"

namespace framebench::cli {

void add_completion_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("completion", "Print a shell completion script for bash or zsh");
  auto shell = std::make_shared<std::string>();
  sub->add_option("shell", *shell, fmt::format("{}", fmt::join(kShells, " | ")))->required()->check(CLI::IsMember(kShells));
  sub->footer("bash: source <(framebench completion bash), or save it as /etc/bash_completion.d/framebench\n"
              "zsh: save it as _framebench in a directory on $fpath, or source <(framebench completion zsh) after compinit");
  sub->callback([&action, &app, shell] {
    action = [&app, shell] {
      const auto root = describe_cli(app, value_choices());
      fmt::print("{}", *shell == "bash" ? bash_completion(root) : zsh_completion(root));
      return 0;
    };
  });
}

}  // namespace framebench::cli
