// Rooflines: what the device moves through its own memory, and over the host link, per second.
#include <algorithm>
#include <cstring>
#include <vector>

#include "kernels/cuda/buffers.hpp"
#include "kernels/cuda/check.hpp"
#include "kernels/cuda/device_buffer.hpp"
#include "kernels/cuda/library.hpp"

namespace framebench::kernels::cuda {

namespace {

class PinnedBytes {
 public:
  explicit PinnedBytes(std::size_t bytes) { FRAMEBENCH_CUDA_CHECK(cudaMallocHost(reinterpret_cast<void**>(&data_), bytes)); }
  ~PinnedBytes() { cudaFreeHost(data_); }
  PinnedBytes(const PinnedBytes&) = delete;
  PinnedBytes& operator=(const PinnedBytes&) = delete;
  char* get() const { return data_; }

 private:
  char* data_ = nullptr;
};

}  // namespace

Bandwidth measure_device_bandwidth() {
  constexpr std::size_t kBytes = std::size_t{256} << 20;
  constexpr int kRepetitions = 7;
  DeviceBuffer<char> a(kBytes), b(kBytes);
  PinnedBytes host(kBytes), host_back(kBytes);
  std::memset(host.get(), 0x5a, kBytes);
  std::memset(host_back.get(), 0, kBytes);
  FRAMEBENCH_CUDA_CHECK(cudaMemset(a.get(), 0xa5, kBytes));
  Event start, stop;
  Stream stream;
  // Median seconds from `start` to `stop` on `stream` around what `enqueue` adds, after a warm-up.
  auto median_seconds = [&](auto enqueue) {
    std::vector<double> t;
    for (int i = 0; i <= kRepetitions; ++i) {  // the first is the warm-up
      start.record(stream);
      enqueue();
      stop.record(stream);
      stop.synchronize();
      if (i > 0) t.push_back(Event::seconds_between(start, stop));
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
  };
  auto one_copy = [&](cudaMemcpyKind kind, void* to, const void* from) {
    return median_seconds([&] { FRAMEBENCH_CUDA_CHECK(cudaMemcpyAsync(to, from, kBytes, kind, stream.handle())); });
  };
  Bandwidth bw;
  bw.d2d_bytes_per_s = 2.0 * kBytes / one_copy(cudaMemcpyDeviceToDevice, b.get(), a.get());  // read + write
  bw.h2d_bytes_per_s = kBytes / one_copy(cudaMemcpyHostToDevice, a.get(), host.get());
  bw.d2h_bytes_per_s = kBytes / one_copy(cudaMemcpyDeviceToHost, host.get(), a.get());
  // Both directions at once: the upload on `stream`, the download on another stream that starts
  // after `start` and that `stream` waits for before `stop`.
  Stream other;
  Event other_done;
  const double duplex = median_seconds([&] {
    FRAMEBENCH_CUDA_CHECK(cudaStreamWaitEvent(other.handle(), start.handle(), 0));
    FRAMEBENCH_CUDA_CHECK(cudaMemcpyAsync(a.get(), host.get(), kBytes, cudaMemcpyHostToDevice, stream.handle()));
    FRAMEBENCH_CUDA_CHECK(cudaMemcpyAsync(host_back.get(), b.get(), kBytes, cudaMemcpyDeviceToHost, other.handle()));
    other_done.record(other);
    FRAMEBENCH_CUDA_CHECK(cudaStreamWaitEvent(stream.handle(), other_done.handle(), 0));
  });
  bw.duplex_bytes_per_s = 2.0 * kBytes / duplex;
  return bw;
}

}  // namespace framebench::kernels::cuda
