#pragma once
// framebench(1), in roff, generated from the command line's definition (cli_model).
#include <string>

#include "cli/cli_model.hpp"

namespace framebench::cli {

std::string man_page(const CliCommand& root, const std::string& version);

}  // namespace framebench::cli
