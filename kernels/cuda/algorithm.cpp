#include "kernels/cuda/algorithm.hpp"

#include <algorithm>
#include <vector>

#include "core/closest.hpp"
#include "core/error.hpp"

namespace framebench::kernels::cuda {

namespace {

// Registry filters work on host frames, so each apply() includes the frame's upload and download.
constexpr Variant kVariants[] = {
    {"cuda-global", Algorithm::global, "GPU direct 2-D convolution from global memory (with transfers)"},
    {"cuda-shared", Algorithm::shared, "GPU shared-memory tiles, taps in constant memory, two passes when separable (with transfers)"},
    {"cuda-shared-2d", Algorithm::shared_2d, "GPU shared-memory tiles, one 2-D pass even when separable (with transfers)"},
    {"cuda-fft", Algorithm::fft, "GPU cuFFT double-precision convolution, cached spectrum (with transfers)"},
};

}  // namespace

std::span<const Variant> variants() { return kVariants; }

std::string implementation_name(Algorithm algorithm) {
  const auto* v = std::find_if(std::begin(kVariants), std::end(kVariants), [&](const Variant& e) { return e.algorithm == algorithm; });
  return v == std::end(kVariants) ? "cuda-unknown" : v->name;
}

Algorithm algorithm_named(const std::string& implementation) {
  std::vector<std::string> names;
  for (const Variant& v : kVariants) {
    if (implementation == v.name) return v.algorithm;
    names.push_back(v.name);
  }
  throw InputError(unknown_name_message("CUDA kernel implementation", implementation, names));
}

}  // namespace framebench::kernels::cuda
