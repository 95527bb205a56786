#include "kernels/implementation.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/reference.hpp"

namespace framebench::kernels {

const std::vector<Implementation>& implementations() {
  static const std::vector<Implementation> all = [] {
    std::vector<Implementation> v;
    v.push_back({"reference", "scalar oracle, the arithmetic as defined", Exactness::exact, {},
                 [](const KernelSpec& k, int) { return make_reference_filter(k); }});
    return v;
  }();
  return all;
}

const Implementation& implementation(const std::string& name) {
  for (const auto& impl : implementations())
    if (impl.name == name) return impl;
  std::vector<std::string> names;
  for (const auto& impl : implementations()) names.push_back(impl.name);
  throw InputError(fmt::format("unknown kernel implementation '{}'; known: {}", name, fmt::join(names, " ")));
}

std::unique_ptr<Filter> make_fast_filter(const KernelSpec& kernel) { return make_reference_filter(kernel); }

}  // namespace framebench::kernels
