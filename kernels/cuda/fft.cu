// cuda-fft's element-wise kernels: padding into double planes, the spectrum product, cropping.
#include <algorithm>

#include "kernels/cuda/check.hpp"
#include "kernels/cuda/fft_launch.hpp"

namespace framebench::kernels::cuda {

namespace {

__global__ void pad_kernel(BatchArgs a, FftLayout l, double* planes) {
  const int xx = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  const int yy = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
  if (xx >= l.real_row || yy >= l.ny) return;
  const std::size_t f = blockIdx.z;
  pad_element(a.in + f * a.frame_bytes, a.pitch, l, planes + 3 * f * l.plane_doubles(), yy, xx);
}

__global__ void multiply_kernel(double2* spectra, const double2* kernel_spectrum, std::size_t per_plane, std::size_t total) {
  for (std::size_t k = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; k < total;
       k += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const double2 s = spectra[k];
    const double2 g = kernel_spectrum[k % per_plane];
    spectra[k] = make_double2(s.x * g.x - s.y * g.y, s.x * g.y + s.y * g.x);
  }
}

__global__ void crop_kernel(BatchArgs a, FftLayout l, const double* planes) {
  const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  const int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
  if (x >= a.width || y >= a.height) return;
  const std::size_t f = blockIdx.z;
  crop_pixel(planes + 3 * f * l.plane_doubles(), l, a.out + f * a.frame_bytes, a.pitch, y, x);
}

dim3 grid2d(int w, int h, int count, dim3 block) {
  return dim3((static_cast<unsigned>(w) + block.x - 1) / block.x, (static_cast<unsigned>(h) + block.y - 1) / block.y,
              static_cast<unsigned>(count));
}

}  // namespace

void launch_fft_pad(const BatchArgs& a, int count, const FftLayout& l, double* planes, cudaStream_t stream) {
  const dim3 block(32, 8);
  pad_kernel<<<grid2d(l.real_row, l.ny, count, block), block, 0, stream>>>(a, l, planes);
  check_launch("pad_kernel<<<>>>");
}

void launch_fft_multiply(double* spectra, const double* kernel_spectrum, int planes, const FftLayout& l, cudaStream_t stream) {
  const std::size_t total = l.plane_complex() * static_cast<std::size_t>(planes);
  const unsigned threads = 256;
  const auto blocks = static_cast<unsigned>(std::min<std::size_t>((total + threads - 1) / threads, 65536));
  multiply_kernel<<<blocks, threads, 0, stream>>>(reinterpret_cast<double2*>(spectra),
                                                  reinterpret_cast<const double2*>(kernel_spectrum), l.plane_complex(), total);
  check_launch("multiply_kernel<<<>>>");
}

void launch_fft_crop(const BatchArgs& a, int count, const FftLayout& l, const double* planes, cudaStream_t stream) {
  const dim3 block(32, 8);
  crop_kernel<<<grid2d(a.width, a.height, count, block), block, 0, stream>>>(a, l, planes);
  check_launch("crop_kernel<<<>>>");
}

}  // namespace framebench::kernels::cuda
