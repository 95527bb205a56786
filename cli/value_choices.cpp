#include "cli/command.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "datasets/catalog.hpp"
#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "strategies/registry.hpp"
#include "strategies/strategy.hpp"

namespace framebench::cli {

ValueChoices value_choices() {
  ValueChoices choices;
  for (const auto* s : strategies::all_strategies()) choices["--strategy"].push_back(s->name());
  choices["--baseline"] = choices["--strategy"];
  for (const auto& i : kernels::implementations()) choices["--impl"].push_back(i.name);
  // The fixed words of run's and process's options (found 5 December 2026 by a review of first
  // use: completion offered file names for them).
  choices["--order"] = {"interleaved", "random", "sequential"};
  choices["--split"] = strategies::kSplitChoices;
  choices["--mpi-input"] = strategies::kMpiInputChoices;
  for (const auto& e : media::encoders()) choices["--encoder"].push_back(e.name);
  choices["--kernel"] = kernels::preset_names();
  choices["--pixel-format"] = pixel_path_names();
  // Positionals that take fixed words (found 6 December 2026 by a documentation walk-through:
  // `framebench list <TAB>` offered file names).
  choices["list what"] = kListTopics;
  choices["completion shell"] = kShells;
  try {
    const auto catalog = datasets::Catalog::load_default();  // kept: a range-for over a temporary's member would dangle
    for (const auto& d : catalog.datasets()) choices["make names"].push_back(d.name);
  } catch (const Error&) {
    // No readable catalog: `datasets make` says why when run; completion offers file names.
  }
  return choices;
}

PixelPath pixel_format_option(const std::string& value) {
  try {
    return parse_pixel_path(value);
  } catch (const InputError& e) {
    throw InputError(fmt::format("--pixel-format: {}", e.what()));
  }
}

}  // namespace framebench::cli
