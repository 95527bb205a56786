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
  tolerance,  // a peer using its own arithmetic, within kPeerTolerance of `reference`
};

// OpenCV's peers round float sums half to even and use float DFTs for large 2-D kernels; they
// differ from the reference by at most 1 where measured, and 2 is the bound tests and
// `framebench kernels` hold them to.
inline constexpr int kPeerTolerance = 2;

// The largest difference from the reference an implementation of this class may show.
constexpr int allowed_difference(Exactness e) {
  return e == Exactness::exact ? 0 : e == Exactness::one_lsb ? 1 : kPeerTolerance;
}

struct Implementation {
  std::string name;
  std::string description;
  Exactness exactness = Exactness::exact;
  // Empty when usable here; otherwise why not (no CUDA device, ...).
  std::function<std::string()> unavailable_reason;
  // Prepares a filter for `kernel` using at most `threads` threads (0 = all cores).
  // Throws InputError if this implementation cannot run that kernel.
  std::function<std::unique_ptr<Filter>(const KernelSpec& kernel, int threads)> make;
  // Whether it uses the thread budget; false: always one thread, whatever `threads` says.
  bool multithreaded = false;
  // Whether it filters the native pixel path's planes of one or two channels, not only BGR24.
  bool planes = false;
};

const std::vector<Implementation>& implementations();
// Throws InputError naming the implementation if unknown.
const Implementation& implementation(const std::string& name);

}  // namespace framebench::kernels
