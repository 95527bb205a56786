#include "kernels/implementation.hpp"

#include "core/closest.hpp"
#include "core/error.hpp"
#include "kernels/cpu/fast.hpp"
#include "kernels/cpu/fft.hpp"
#include "kernels/cpu/opencv.hpp"
#include "kernels/cpu/opencv_peers.hpp"
#include "kernels/cpu/reference.hpp"
#include "kernels/cpu/tbb_rows.hpp"
#include "kernels/cuda/algorithm.hpp"
#include "kernels/cuda/front.hpp"

namespace framebench::kernels {

const std::vector<Implementation>& implementations() {
  static const std::vector<Implementation> all = [] {
    std::vector<Implementation> v;
    v.push_back({"reference", "scalar oracle, the arithmetic as defined", Exactness::exact, {},
                 [](const KernelSpec& k, int) { return make_reference_filter(k); }, false, true});
    v.push_back({"cpu-fast", "one thread, vectorised: separable passes or direct, exact integer/float sums",
                 Exactness::exact, {}, [](const KernelSpec& k, int) { return make_cpu_fast_filter(k); }, false, true});
    // The same without the AVX-512 VNNI separable path: what cpu-fast does on CPUs without it,
    // measurable beside cpu-fast in one run (identical to it on such CPUs).
    v.push_back({"cpu-fast-portable", "cpu-fast without its AVX-512 VNNI separable path: the portable passes, for comparison",
                 Exactness::exact, {}, [](const KernelSpec& k, int) { return make_cpu_fast_filter(k, false); }, false, true});
    v.push_back({"tbb-rows", "cpu-fast over bands of rows on a oneTBB arena of the thread budget", Exactness::exact, {},
                 [](const KernelSpec& k, int threads) { return make_tbb_rows_filter(k, threads); }, true, true});
    v.push_back({"cpu-fft", "one thread, FFT convolution in float over overlap-save tiles (FFTW, plans made once per tile shape), cached kernel spectrum",
                 Exactness::one_lsb, {},
                 [](const KernelSpec& k, int) { return make_cpu_fft_filter(k); }});
    v.push_back({"opencv-filter2d", "peer: cv::filter2D, BORDER_REFLECT_101", Exactness::tolerance, opencv_unavailable_reason,
                 [](const KernelSpec& k, int threads) { return make_opencv_filter2d(k, threads); }, true});
    v.push_back({"opencv-sep", "peer: cv::sepFilter2D, separable kernels only", Exactness::tolerance, opencv_unavailable_reason,
                 [](const KernelSpec& k, int threads) { return make_opencv_sep(k, threads); }, true});
    // Listed in every build, unavailable without a device. FFT rounds through floating point.
    for (const cuda::Variant& c : cuda::variants())
      v.push_back({c.name, c.description, c.algorithm == cuda::Algorithm::fft ? Exactness::one_lsb : Exactness::exact,
                   cuda::unavailable_reason,
                   [algorithm = c.algorithm](const KernelSpec& k, int) { return cuda::make_frame_filter(algorithm, k); }});
    return v;
  }();
  return all;
}

const Implementation& implementation(const std::string& name) {
  for (const auto& impl : implementations())
    if (impl.name == name) return impl;
  std::vector<std::string> names;
  for (const auto& impl : implementations()) names.push_back(impl.name);
  throw InputError(unknown_name_message("kernel implementation", name, names));
}

}  // namespace framebench::kernels
