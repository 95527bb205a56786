// The direct convolution kernels: thin __global__ wrappers around direct_body.hpp.
#include <algorithm>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "kernels/cuda/check.hpp"
#include "kernels/cuda/direct_launch.hpp"

namespace framebench::kernels::cuda {

namespace {

__constant__ std::int32_t c_taps[kTapSlots][kMaxTaps];

struct ConstantTaps {
  int slot;
  int offset;
  __device__ __forceinline__ std::int32_t operator()(int i) const { return c_taps[slot][offset + i]; }
};

__global__ void __launch_bounds__(kBlockThreads) global_kernel(BatchArgs a, PointerTaps taps, int size) {
  const std::size_t f = blockIdx.z;
  global_pixel(a.in + f * a.frame_bytes, a.out + f * a.frame_bytes, a.width, a.height, a.pitch, size, taps,
               static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x), static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y));
}

template <int RPT>
__global__ void __launch_bounds__(kBlockThreads) shared_2d_kernel(BatchArgs a, int slot, int size) {
  extern __shared__ __align__(16) std::uint8_t smem[];
  const TileGeometry g{size / 2, kBlockY * RPT};
  const std::size_t f = blockIdx.z;
  const int x0 = static_cast<int>(blockIdx.x) * kTileWidth;
  const int y0 = static_cast<int>(blockIdx.y) * g.tile_h;
  load_tile(a.in + f * a.frame_bytes, a.width, a.height, a.pitch, g, x0, y0, smem,
            static_cast<int>(threadIdx.y * kBlockX + threadIdx.x), kBlockThreads);
  __syncthreads();
  convolve_tile<RPT>(smem, g, size, ConstantTaps{slot, 0}, a.out + f * a.frame_bytes, a.width, a.height, a.pitch, x0, y0,
                     static_cast<int>(threadIdx.x), static_cast<int>(threadIdx.y));
}

template <int RPT>
__global__ void __launch_bounds__(kBlockThreads) separable_kernel(BatchArgs a, int slot, int size) {
  extern __shared__ __align__(16) std::uint8_t smem[];
  const TileGeometry g{size / 2, kBlockY * RPT};
  const std::size_t f = blockIdx.z;
  const int x0 = static_cast<int>(blockIdx.x) * kTileWidth;
  const int y0 = static_cast<int>(blockIdx.y) * g.tile_h;
  const int t = static_cast<int>(threadIdx.y * kBlockX + threadIdx.x);
  load_tile(a.in + f * a.frame_bytes, a.width, a.height, a.pitch, g, x0, y0, smem, t, kBlockThreads);
  __syncthreads();
  // tile_bytes() is a multiple of 16, so the intermediate starts aligned.
  auto* rows = reinterpret_cast<std::int32_t*>(smem + g.tile_bytes());
  separable_rows(smem, g, size, ConstantTaps{slot, 0}, x0, rows, t, kBlockThreads);
  __syncthreads();
  separable_columns<RPT>(rows, size, ConstantTaps{slot, size}, a.out + f * a.frame_bytes, a.width, a.height, a.pitch,
                         x0, y0, static_cast<int>(threadIdx.x), static_cast<int>(threadIdx.y));
}

constexpr int kShared2dRows = 4;  // rows per thread of the 2-D kernel: a 32 x 32 output tile

struct SlotTable {
  std::mutex mutex;
  std::vector<std::int32_t> taps[kTapSlots];
  int users[kTapSlots] = {};
};
SlotTable& slot_table() {
  static SlotTable table;
  return table;
}

template <int RPT>
void allow_separable_shared_memory() {
  static std::once_flag once;
  std::call_once(once, [] {
    int device = 0, optin = 0;
    FRAMEBENCH_CUDA_CHECK(cudaGetDevice(&device));
    FRAMEBENCH_CUDA_CHECK(cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device));
    FRAMEBENCH_CUDA_CHECK(cudaFuncSetAttribute(separable_kernel<RPT>, cudaFuncAttributeMaxDynamicSharedMemorySize, optin));
  });
}

dim3 grid_for(const BatchArgs& a, int count, int tile_h) {
  return dim3(static_cast<unsigned>((a.width + kTileWidth - 1) / kTileWidth),
              static_cast<unsigned>((a.height + tile_h - 1) / tile_h), static_cast<unsigned>(count));
}

}  // namespace

TapSlot::TapSlot(const std::vector<std::int32_t>& taps) : index_(-1) {
  if (taps.empty() || taps.size() > static_cast<std::size_t>(kMaxTaps)) throw Error("TapSlot: bad number of taps");
  auto& table = slot_table();
  std::lock_guard lock(table.mutex);
  for (int s = 0; s < kTapSlots; ++s)
    if (table.users[s] > 0 && table.taps[s] == taps) {
      ++table.users[s];
      index_ = s;
      return;
    }
  for (int s = 0; s < kTapSlots; ++s)
    if (table.users[s] == 0) {
      FRAMEBENCH_CUDA_CHECK(cudaMemcpyToSymbol(c_taps, taps.data(), taps.size() * sizeof(std::int32_t),
                                               static_cast<std::size_t>(s) * kMaxTaps * sizeof(std::int32_t)));
      table.taps[s] = taps;
      table.users[s] = 1;
      index_ = s;
      return;
    }
  throw Error("CUDA constant memory already holds the taps of " + std::to_string(kTapSlots) +
              " other kernels in use; release a CUDA filter before preparing another");
}

TapSlot::~TapSlot() {
  auto& table = slot_table();
  std::lock_guard lock(table.mutex);
  --table.users[index_];
}

void launch_global(const BatchArgs& args, int count, const std::int32_t* device_taps, int size, cudaStream_t stream) {
  const dim3 block(kBlockX, kBlockY);
  const dim3 grid(static_cast<unsigned>((args.width + kBlockX - 1) / kBlockX),
                  static_cast<unsigned>((args.height + kBlockY - 1) / kBlockY), static_cast<unsigned>(count));
  global_kernel<<<grid, block, 0, stream>>>(args, PointerTaps{device_taps}, size);
  check_launch("global_kernel<<<>>>");
}

void launch_shared_2d(const BatchArgs& args, int count, int slot, int size, cudaStream_t stream) {
  const TileGeometry g{size / 2, kBlockY * kShared2dRows};
  // At most (32 + 62) rows of 304 bytes for 63 x 63: under the 48 KiB every device allows.
  shared_2d_kernel<kShared2dRows><<<grid_for(args, count, g.tile_h), dim3(kBlockX, kBlockY), g.tile_bytes(), stream>>>(
      args, slot, size);
  check_launch("shared_2d_kernel<<<>>>");
}

int prepare_separable(int size) {
  int device = 0, optin = 0;
  FRAMEBENCH_CUDA_CHECK(cudaGetDevice(&device));
  FRAMEBENCH_CUDA_CHECK(cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device));
  for (int rpt : {4, 2, 1}) {
    const TileGeometry g{size / 2, kBlockY * rpt};
    if (g.tile_bytes() + g.rows_bytes() > optin) continue;
    if (rpt == 4) allow_separable_shared_memory<4>();
    if (rpt == 2) allow_separable_shared_memory<2>();
    if (rpt == 1) allow_separable_shared_memory<1>();
    return rpt;
  }
  // 63 x 63 with one row per thread needs 48160 bytes; every CUDA device allows 48 KiB.
  throw Error("separable kernel: the device's shared memory per block is too small");
}

void launch_separable(const BatchArgs& args, int count, int slot, int size, int rows_per_thread, cudaStream_t stream) {
  const TileGeometry g{size / 2, kBlockY * rows_per_thread};
  const dim3 grid = grid_for(args, count, g.tile_h);
  const dim3 block(kBlockX, kBlockY);
  const auto bytes = static_cast<std::size_t>(g.tile_bytes() + g.rows_bytes());
  switch (rows_per_thread) {
    case 4: separable_kernel<4><<<grid, block, bytes, stream>>>(args, slot, size); break;
    case 2: separable_kernel<2><<<grid, block, bytes, stream>>>(args, slot, size); break;
    case 1: separable_kernel<1><<<grid, block, bytes, stream>>>(args, slot, size); break;
    default: throw Error("launch_separable: rows per thread must be 1, 2 or 4");
  }
  check_launch("separable_kernel<<<>>>");
}

cudaError_t probe_kernel_image() {
  cudaFuncAttributes attributes;
  return cudaFuncGetAttributes(&attributes, global_kernel);
}

}  // namespace framebench::kernels::cuda
