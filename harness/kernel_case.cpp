#include "harness/kernel_case.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "core/error.hpp"

namespace framebench::harness {

namespace {

// BGR24, or for the native path yuv420p as 8-bit 4:2:0 decoders deliver it (chroma planes at
// half width and height, rounded up).
PlanarFrame test_frame(FrameSize size, PixelPath pixels) {
  PlanarFrame f;
  const PlaneShape bgr24[] = {{size.width, size.height, kChannels}};
  const PlaneShape chroma{(size.width + 1) / 2, (size.height + 1) / 2, 1};
  const PlaneShape yuv420p[] = {{size.width, size.height, 1}, chroma, chroma};
  if (pixels == PixelPath::native) f.reshape("yuv420p", yuv420p);
  else f.reshape("bgr24", bgr24);
  // Noise, fixed seed: the same input on every run and machine. The implementations' speed does
  // not depend on pixel values (no data-dependent branches).
  std::mt19937 rng(20240611);
  for (Frame& p : f.planes)
    for (int y = 0; y < p.height(); ++y)
      for (std::size_t x = 0; x < p.view().row_bytes(); ++x) p.row(y)[x] = static_cast<std::uint8_t>(rng() >> 24);
  return f;
}

}  // namespace

const PlanarFrame& KernelInputs::get(FrameSize size, PixelPath pixels) {
  const std::tuple key{size.width, size.height, pixels};
  auto it = frames_.find(key);
  if (it == frames_.end()) it = frames_.emplace(key, test_frame(size, pixels)).first;
  return it->second;
}

void check_against_cpu_fast(const KernelCase& c, int diff) {
  const int allowed = kernels::allowed_difference(c.impl->exactness);
  if (diff > allowed) throw Error(fmt::format("output differs from cpu-fast by up to {} (allowed {})", diff, allowed));
}

void fail_case(benchmark::State& state, KernelCase& c, const std::exception& e) {
  c.error = e.what();
  std::fprintf(stderr, "%s: FAILED: %s\n", c.name.c_str(), c.error.c_str());
  state.SkipWithError(c.error.c_str());
}

}  // namespace framebench::harness
