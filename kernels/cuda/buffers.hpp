#pragma once
// RAII for CUDA streams, events, device frames and pinned host frames, in plain C++ so that
// strategies can drive the GPU without including CUDA headers. Only built with CUDA.
// Frames keep the host layout (packed BGR24, rows padded as Frame's: pitch = padded_stride(width, 3)),
// so a batch moves between pinned and device memory as one contiguous copy.
#include <cstddef>
#include <cstdint>

#include "core/frame.hpp"

struct CUstream_st;  // cudaStream_t is CUstream_st*
struct CUevent_st;   // cudaEvent_t is CUevent_st*

namespace framebench::kernels::cuda {

// The row pitch every buffer here uses (the same as Frame's stride).
std::ptrdiff_t frame_pitch(int width);

// A blocking stream: work on it is ordered after the legacy default stream's, which the
// constant-memory tap uploads rely on (see direct_launch.hpp).
class Stream {
 public:
  Stream();
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  void synchronize();
  CUstream_st* handle() const { return stream_; }

 private:
  CUstream_st* stream_ = nullptr;
};

class Event {
 public:
  // How synchronize() waits: spinning answers soonest; blocking leaves the core to the decoders
  // and encoders while a batch is on the GPU.
  enum class Wait { spin, block };
  explicit Event(Wait wait = Wait::spin);
  ~Event();
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  void record(Stream& stream);
  void synchronize();
  // Seconds from `start` to `end`, both recorded and complete.
  static double seconds_between(const Event& start, const Event& end);
  CUevent_st* handle() const { return event_; }

 private:
  CUevent_st* event_ = nullptr;
};

// `count` frames of width x height in one device allocation, frame i at data() + i * frame_bytes().
class DeviceFrames {
 public:
  DeviceFrames(int count, int width, int height);
  ~DeviceFrames();
  DeviceFrames(const DeviceFrames&) = delete;
  DeviceFrames& operator=(const DeviceFrames&) = delete;

  int count() const { return count_; }
  int width() const { return width_; }
  int height() const { return height_; }
  std::ptrdiff_t pitch() const { return pitch_; }
  std::size_t frame_bytes() const { return static_cast<std::size_t>(pitch_) * height_; }
  std::uint8_t* data() { return data_; }  // device pointer
  const std::uint8_t* data() const { return data_; }

 private:
  std::uint8_t* data_ = nullptr;
  int count_, width_, height_;
  std::ptrdiff_t pitch_;
};

// The same layout in page-locked host memory, so copies are true asynchronous DMA.
class PinnedFrames {
 public:
  PinnedFrames(int count, int width, int height);
  ~PinnedFrames();
  PinnedFrames(const PinnedFrames&) = delete;
  PinnedFrames& operator=(const PinnedFrames&) = delete;

  int count() const { return count_; }
  std::size_t frame_bytes() const { return static_cast<std::size_t>(pitch_) * height_; }
  FrameView view(int i);
  ConstFrameView view(int i) const;

 private:
  std::uint8_t* data_ = nullptr;
  int count_, width_, height_;
  std::ptrdiff_t pitch_;
};

// Asynchronous on `stream`: the first `count` frames, as one copy.
void upload(const PinnedFrames& from, DeviceFrames& to, int count, Stream& stream);
void download(const DeviceFrames& from, PinnedFrames& to, int count, Stream& stream);
// One frame between any host view and frame `index` on the device. Pageable host memory is
// allowed (the driver stages it); `to` is complete once the stream is synchronised.
void upload(ConstFrameView from, DeviceFrames& to, int index, Stream& stream);
void download(const DeviceFrames& from, int index, FrameView to, Stream& stream);

}  // namespace framebench::kernels::cuda
