#include "cli/command.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "strategies/registry.hpp"

namespace framebench::cli {

ValueChoices value_choices() {
  ValueChoices choices;
  for (const auto* s : strategies::all_strategies()) choices["--strategy"].push_back(s->name());
  for (const auto& e : media::encoders()) choices["--encoder"].push_back(e.name);
  choices["--kernel"] = kernels::preset_names();
  return choices;
}

}  // namespace framebench::cli
