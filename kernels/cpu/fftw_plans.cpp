#include "kernels/cpu/fftw_plans.hpp"

#include <map>
#include <mutex>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::kernels {

namespace {

constexpr int kMeasureFrom = 64 * 64;       // tile samples from which FFTW_MEASURE pays
constexpr double kPlannerSeconds = 0.25;     // what measuring one plan may cost at most

std::mutex& planner_lock() {
  static std::mutex lock;
  return lock;
}

}  // namespace

ComplexBuffer make_complex_buffer(std::size_t n) {
  ComplexBuffer b(fftwf_alloc_complex(n));
  if (!b) throw Error(fmt::format("cpu-fft: cannot allocate {} complex floats", n));
  return b;
}

const TilePlans& tile_plans(int th, int tw) {
  // Never destroyed: plans outlive every filter, and FFTW's cleanup at exit is not needed.
  static auto* plans = new std::map<std::pair<int, int>, TilePlans>;
  const std::lock_guard<std::mutex> hold(planner_lock());
  auto& p = (*plans)[{th, tw}];
  if (p.forward) return p;
  // Measuring overwrites the arrays, so it plans on scratch ones of the same alignment.
  const auto samples = static_cast<std::size_t>(th) * static_cast<std::size_t>(tw);
  ComplexBuffer scratch = make_complex_buffer(samples);
  const unsigned flags = samples >= static_cast<std::size_t>(kMeasureFrom) ? FFTW_MEASURE : FFTW_ESTIMATE;
  fftwf_set_timelimit(kPlannerSeconds);
  fftwf_plan forward = fftwf_plan_dft_2d(th, tw, scratch.get(), scratch.get(), FFTW_FORWARD, flags);
  fftwf_plan inverse = fftwf_plan_dft_2d(th, tw, scratch.get(), scratch.get(), FFTW_BACKWARD, flags);
  if (!forward || !inverse) {
    if (forward) fftwf_destroy_plan(forward);
    if (inverse) fftwf_destroy_plan(inverse);
    plans->erase({th, tw});
    throw Error(fmt::format("cpu-fft: FFTW made no plan for a {}x{} tile", th, tw));
  }
  p = {forward, inverse};
  return p;
}

}  // namespace framebench::kernels
