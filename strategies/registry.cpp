#include "strategies/registry.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "strategies/single_core.hpp"

namespace framebench::strategies {

const std::vector<const Strategy*>& all_strategies() {
  static const SingleCore single_core;
  static const std::vector<const Strategy*> all = {&single_core};
  return all;
}

const Strategy& strategy(const std::string& name) {
  std::vector<std::string> names;
  for (const Strategy* s : all_strategies()) {
    if (s->name() == name) return *s;
    names.push_back(s->name());
  }
  throw InputError(fmt::format("unknown strategy '{}'; known: {}", name, fmt::join(names, " ")));
}

}  // namespace framebench::strategies
