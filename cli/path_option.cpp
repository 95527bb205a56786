#include <CLI/CLI.hpp>

#include "cli/command.hpp"

namespace framebench::cli {

CLI::Validator non_empty_path() {
  return CLI::Validator([](const std::string& value) { return value.empty() ? std::string("an empty path names no file") : std::string(); },
                        /*validator_desc=*/"", "non-empty path");
}

}  // namespace framebench::cli
