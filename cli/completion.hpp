#pragma once
// Shell completion scripts generated from the command line's definition (cli_model): commands,
// options, and the names an option such as --strategy takes; file names elsewhere.
#include <string>

#include "cli/cli_model.hpp"

namespace framebench::cli {

// For `source <(framebench completion bash)` or /etc/bash_completion.d/framebench. Needs no
// bash-completion helpers.
std::string bash_completion(const CliCommand& root);
// For a file _framebench on $fpath, or `source <(framebench completion zsh)` after compinit.
std::string zsh_completion(const CliCommand& root);

}  // namespace framebench::cli
