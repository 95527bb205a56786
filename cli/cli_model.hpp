#pragma once
// The command line as data, read from the CLI11 definition itself: commands, their options and
// positional arguments. Shell completion and the man page are generated from it, so they list
// exactly what the parser accepts.
#include <map>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace framebench::cli {

struct CliOption {
  std::vector<std::string> names;  // "--strategy", "-s"; empty for a positional
  std::string positional;          // the positional's name, e.g. "input"
  std::string value;               // what it takes, e.g. "TEXT"; empty for a flag
  std::string description;
  std::vector<std::string> choices;  // names it may take, for completion (empty: files or free text)
  std::string default_value;         // as --help shows it; empty when it has none shown
  bool required = false;
};

struct CliCommand {
  std::string name;
  std::string description;
  std::string footer;
  std::vector<CliOption> options;  // flags and options first, then positionals in order
  std::vector<CliCommand> subcommands;
};

// Option name (e.g. "--strategy"), or a positional as "<command> <positional>" (e.g. "list what"),
// -> the names it may take.
using ValueChoices = std::map<std::string, std::vector<std::string>>;

// Hidden commands (CLI11 group "") and --help are left out.
CliCommand describe_cli(const CLI::App& app, const ValueChoices& choices);

}  // namespace framebench::cli
