#include "cli/cli_model.hpp"

#include <CLI/CLI.hpp>

namespace framebench::cli {

namespace {

CliOption describe_option(const CLI::Option& o, const std::string& command, const ValueChoices& choices) {
  CliOption out;
  for (const auto& l : o.get_lnames()) out.names.push_back("--" + l);
  for (const auto& s : o.get_snames()) out.names.push_back("-" + s);
  if (!o.nonpositional()) out.positional = o.get_name(true);
  // What --help shows: the option's own text where it has one ("PCT"), else its type and range.
  if (o.get_expected_min() > 0 || !o.nonpositional()) out.value = o.get_option_text().empty() ? o.get_type_name() : o.get_option_text();
  out.description = o.get_description();
  out.default_value = o.get_default_str();
  out.required = o.get_required();
  std::vector<std::string> keys = out.names;
  if (!out.positional.empty()) keys.push_back(command + " " + out.positional);
  for (const auto& key : keys)
    if (const auto it = choices.find(key); it != choices.end()) out.choices = it->second;
  return out;
}

}  // namespace

CliCommand describe_cli(const CLI::App& app, const ValueChoices& choices) {
  CliCommand out{app.get_name(), app.get_description(), app.get_footer(), {}, {}};
  const auto* help = app.get_help_ptr();
  std::vector<CliOption> positionals;
  for (const CLI::Option* o : app.get_options()) {
    if (o == help) continue;
    (o->nonpositional() ? out.options : positionals).push_back(describe_option(*o, app.get_name(), choices));
  }
  out.options.insert(out.options.end(), positionals.begin(), positionals.end());
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); }))
    out.subcommands.push_back(describe_cli(*sub, choices));
  return out;
}

}  // namespace framebench::cli
