#pragma once
// cpu-fft: convolution through FFTW's single-precision complex 2-D transforms, for large
// non-separable kernels whose direct cost grows with K^2 while the FFT's barely depends on K.
// The frame is cut into overlapping tiles (overlap-save); the channels of a tile, read straight
// from the BGR frame with reflect-101 borders, are transformed (two planes per complex
// transform), multiplied by the kernel's spectrum (made once per frame size) and transformed back. Plans are made once per tile shape
// for the whole process (fftw_plans.hpp). The float result is within a small fraction of a level
// of the exact sum / 2^16, so rounding it gives the reference's output, or one level off where
// the sum is near a tie.
#include <memory>
#include <string>

#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

// One thread: tiles this small gain nothing from FFTW's threads.
std::unique_ptr<Filter> make_cpu_fft_filter(const KernelSpec& kernel);

// FFTW's version (fftwf_version), for results' provenance.
std::string fftw_version();

}  // namespace framebench::kernels
