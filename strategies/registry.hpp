#pragma once
#include <string>
#include <vector>

#include "strategies/strategy.hpp"

namespace framebench::strategies {

// Every strategy, in the order users see them.
const std::vector<const Strategy*>& all_strategies();
// Throws InputError naming the strategy and the known ones if unknown.
const Strategy& strategy(const std::string& name);

}  // namespace framebench::strategies
