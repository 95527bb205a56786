#pragma once
// Internal to the CUDA library: launchers for cuda-fft's own kernels (fft.cu); cuFFT does the
// transforms in between (fft_convolver.cpp).
#include <cuda_runtime_api.h>

#include "kernels/cuda/direct_body.hpp"
#include "kernels/cuda/fft_layout.hpp"

namespace framebench::kernels::cuda {

// Frames 0..count-1 of `a.in` into planes (3 per frame, plane_doubles() apart).
void launch_fft_pad(const BatchArgs& a, int count, const FftLayout& l, double* planes, cudaStream_t stream);
// spectra[p][k] *= kernel_spectrum[k] for `planes` complex planes of l.plane_complex() values.
// Complex numbers are (re, im) pairs of doubles, cuFFT's cufftDoubleComplex.
void launch_fft_multiply(double* spectra, const double* kernel_spectrum, int planes, const FftLayout& l, cudaStream_t stream);
// Planes back to frames 0..count-1 of `a.out`.
void launch_fft_crop(const BatchArgs& a, int count, const FftLayout& l, const double* planes, cudaStream_t stream);

}  // namespace framebench::kernels::cuda
