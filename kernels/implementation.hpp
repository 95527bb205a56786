#pragma once
// The registry of kernel implementations: what `framebench kernels` measures and what
// strategies pick their filter from.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// How an implementation's output relates to the reference.
enum class Exactness {
  exact,      // bit-exact with `reference`
  one_lsb,    // within 1 of `reference` on every sample (FFT paths)
  tolerance,  // a peer using its own arithmetic, compared by tolerance
};

struct Implementation {
  std::string name;
  std::string description;
  Exactness exactness = Exactness::exact;
  // Empty when usable here; otherwise why not (no CUDA device, ...).
  std::function<std::string()> unavailable_reason;
  // Prepares a filter for `kernel` using at most `threads` threads (0 = all cores).
  // Throws InputError if this implementation cannot run that kernel.
  std::function<std::unique_ptr<Filter>(const KernelSpec& kernel, int threads)> make;
};

const std::vector<Implementation>& implementations();
// Throws InputError naming the implementation if unknown.
const Implementation& implementation(const std::string& name);

// The fastest single-thread implementation that is bit-exact with the reference.
std::unique_ptr<Filter> make_fast_filter(const KernelSpec& kernel);

}  // namespace framebench::kernels
