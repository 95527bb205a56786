#include "kernels/cuda/buffers.hpp"

#include <climits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cuda/check.hpp"

namespace framebench::kernels::cuda {

namespace {
void check_shape(int count, int width, int height) {
  if (count < 1 || width < 1 || height < 1)
    throw Error(fmt::format("CUDA frame buffer: {} frames of {}x{} is not a valid shape", count, width, height));
  // Kernels index inside a frame with int.
  if (static_cast<long long>(frame_pitch(width)) * height > INT_MAX)
    throw Error(fmt::format("CUDA frame buffer: a {}x{} frame is over 2 GiB, more than the kernels index", width, height));
}
}  // namespace

// Host frames are converted into by libswscale (the GPU strategies' decoder), so their rows have
// Frame's padding; device frames share the pitch, so one copy moves a whole batch.
std::ptrdiff_t frame_pitch(int width) { return padded_stride(width, kChannels); }

Stream::Stream() { FRAMEBENCH_CUDA_CHECK(cudaStreamCreate(&stream_)); }
Stream::~Stream() {
  // Work still queued must not outlive the buffers destroyed after us; errors cannot be thrown here.
  cudaStreamSynchronize(stream_);
  cudaStreamDestroy(stream_);
}
void Stream::synchronize() { FRAMEBENCH_CUDA_CHECK(cudaStreamSynchronize(stream_)); }

Event::Event(Wait wait) {
  FRAMEBENCH_CUDA_CHECK(cudaEventCreateWithFlags(&event_, wait == Wait::block ? cudaEventBlockingSync : cudaEventDefault));
}
Event::~Event() { cudaEventDestroy(event_); }
void Event::record(Stream& stream) { FRAMEBENCH_CUDA_CHECK(cudaEventRecord(event_, stream.handle())); }
void Event::synchronize() { FRAMEBENCH_CUDA_CHECK(cudaEventSynchronize(event_)); }
double Event::seconds_between(const Event& start, const Event& end) {
  float ms = 0;
  FRAMEBENCH_CUDA_CHECK(cudaEventElapsedTime(&ms, start.event_, end.event_));
  return ms * 1e-3;
}

DeviceFrames::DeviceFrames(int count, int width, int height)
    : count_(count), width_(width), height_(height), pitch_(frame_pitch(width)) {
  check_shape(count, width, height);
  FRAMEBENCH_CUDA_CHECK(cudaMalloc(reinterpret_cast<void**>(&data_), frame_bytes() * count_));
}
DeviceFrames::~DeviceFrames() { cudaFree(data_); }

PinnedFrames::PinnedFrames(int count, int width, int height)
    : count_(count), width_(width), height_(height), pitch_(frame_pitch(width)) {
  check_shape(count, width, height);
  FRAMEBENCH_CUDA_CHECK(cudaMallocHost(reinterpret_cast<void**>(&data_), frame_bytes() * count_));
}
PinnedFrames::~PinnedFrames() { cudaFreeHost(data_); }

FrameView PinnedFrames::view(int i) {
  if (i < 0 || i >= count_) throw Error(fmt::format("PinnedFrames: frame {} of {}", i, count_));
  return {data_ + frame_bytes() * static_cast<std::size_t>(i), width_, height_, pitch_};
}
ConstFrameView PinnedFrames::view(int i) const {
  if (i < 0 || i >= count_) throw Error(fmt::format("PinnedFrames: frame {} of {}", i, count_));
  return {data_ + frame_bytes() * static_cast<std::size_t>(i), width_, height_, pitch_};
}

namespace {
void check_batch(int count, int have_from, int have_to, std::size_t from_frame, std::size_t to_frame, const char* what) {
  if (count < 0 || count > have_from || count > have_to || from_frame != to_frame)
    throw Error(fmt::format("{}: {} frames requested, buffers hold {} and {} frames of {} and {} bytes", what, count, have_from,
                            have_to, from_frame, to_frame));
}
void check_frame(int width, int height, const DeviceFrames& d, int index, const char* what) {
  if (width != d.width() || height != d.height() || index < 0 || index >= d.count())
    throw Error(fmt::format("{}: frame {} of {}x{} does not fit device buffer of {} frames of {}x{}", what, index, width, height,
                            d.count(), d.width(), d.height()));
}
}  // namespace

void upload(const PinnedFrames& from, DeviceFrames& to, int count, Stream& stream) {
  check_batch(count, from.count(), to.count(), from.frame_bytes(), to.frame_bytes(), "upload");
  if (count == 0) return;
  FRAMEBENCH_CUDA_CHECK(cudaMemcpyAsync(to.data(), from.view(0).data, from.frame_bytes() * count, cudaMemcpyHostToDevice,
                                        stream.handle()));
}

void download(const DeviceFrames& from, PinnedFrames& to, int count, Stream& stream) {
  check_batch(count, from.count(), to.count(), from.frame_bytes(), to.frame_bytes(), "download");
  if (count == 0) return;
  FRAMEBENCH_CUDA_CHECK(cudaMemcpyAsync(to.view(0).data, from.data(), from.frame_bytes() * count, cudaMemcpyDeviceToHost,
                                        stream.handle()));
}

void upload(ConstFrameView from, DeviceFrames& to, int index, Stream& stream) {
  check_frame(from.width, from.height, to, index, "upload");
  FRAMEBENCH_CUDA_CHECK(cudaMemcpy2DAsync(to.data() + to.frame_bytes() * index, to.pitch(), from.data, from.stride,
                                          from.row_bytes(), from.height, cudaMemcpyHostToDevice, stream.handle()));
}

void download(const DeviceFrames& from, int index, FrameView to, Stream& stream) {
  check_frame(to.width, to.height, from, index, "download");
  FRAMEBENCH_CUDA_CHECK(cudaMemcpy2DAsync(to.data, to.stride, from.data() + from.frame_bytes() * index, from.pitch(),
                                          to.row_bytes(), to.height, cudaMemcpyDeviceToHost, stream.handle()));
}

}  // namespace framebench::kernels::cuda
