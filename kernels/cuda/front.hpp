#pragma once
// The CUDA kernels as the rest of framebench sees them, in every build: plain C++, no CUDA
// headers. CMake compiles front.cpp, which forwards to the CUDA library, or unavailable.cpp,
// which answers "built without CUDA"; either way the cuda-* implementations and strategies are
// listed, and say why they cannot run here.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/frame.hpp"
#include "kernels/cuda/algorithm.hpp"
#include "kernels/filter.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::kernels::cuda {

// Empty when device 0 can run this build's kernels; otherwise why not: "built without CUDA",
// no NVIDIA driver, a driver too old for this runtime (both versions), no device, another
// cudaGetDeviceCount error, or an unsupported compute capability. Probed once.
std::string unavailable_reason();

// A Filter on host frames: each apply() uploads the frame, filters it and downloads the result
// (synchronously), so it measures transfers too. Nothing touches the device before apply().
std::unique_ptr<Filter> make_frame_filter(Algorithm algorithm, const KernelSpec& kernel);

// Rooflines, measured once per process on device 0 (nullopt when unavailable):
// d2d counts bytes read plus bytes written by a device-to-device copy; h2d and d2h count the
// bytes moved between pinned host memory and the device; duplex counts the bytes of an upload
// and a download made at once on two streams (both directions together, what a pipeline with
// batches in flight asks of the link). Each is the median of several copies of 256 MiB timed
// with CUDA events.
struct Bandwidth {
  double d2d_bytes_per_s = 0;
  double h2d_bytes_per_s = 0;
  double d2h_bytes_per_s = 0;
  double duplex_bytes_per_s = 0;
};
std::optional<Bandwidth> measure_bandwidth();

// Kernel-only timing for `framebench kernels`: frames stay in device memory, so the number is
// the kernel's, without PCIe transfers. Inputs are random and rotate over a working set at
// least twice the L2 cache, so repeated launches do not measure the cache.
class DeviceKernelTimer {
 public:
  virtual ~DeviceKernelTimer() = default;
  // Runs `launches` launches back to back, each filtering frames_per_launch() frames, and
  // returns the seconds the device took for all of them (CUDA events).
  virtual double run(int launches) = 0;
  virtual int frames_per_launch() const = 0;
  // The least traffic one frame needs: every input byte read once, every output byte written once.
  virtual std::int64_t min_bytes_per_frame() const = 0;
};

// `implementation` is one of the cuda-* names; `batch` frames per launch (cuFFT batches them).
// Throws InputError for an unknown name, Error when CUDA is unavailable or a call fails.
std::unique_ptr<DeviceKernelTimer> make_device_kernel_timer(const std::string& implementation, const KernelSpec& kernel,
                                                            int width, int height, int batch = 1);

// Busy seconds of a FramePipeline: transfer is the CPU copying frames into pinned buffers;
// upload, kernel and download are what CUDA events measure on each stream, summed over streams
// (with overlapping streams a copy that waits for the shared copy engine counts its wait).
struct PipelineSeconds {
  double transfer = 0;
  double upload = 0;
  double kernel = 0;
  double download = 0;
};

// Host frames filtered on the GPU in batches, several batches in flight: push() frames in
// order, and each filtered frame reaches the sink, in the same order, once its batch is back.
// With one slot every batch completes before the next one is filled; with N slots on N streams,
// batch i's upload, kernel and download overlap the CPU filling batch i+1 and the sink taking
// batch i-N+1.
// Where the sink runs: on the pushing thread, between pushes (SinkThread::caller), or on a
// thread of the pipeline's own (SinkThread::own), so that a producer and a sink that are both
// CPU work (decode, encode) run at once too. With its own thread the sink's exceptions reach the
// producer from its next call or from finish(), and a pipeline destroyed before finish() stops
// taking batches once the sink is done with the current one.
enum class SinkThread { caller, own };

class FramePipeline {
 public:
  using Sink = std::function<void(ConstFrameView)>;
  virtual ~FramePipeline() = default;
  // `frame` has the pipeline's size; it is copied, so the caller may reuse it at once.
  virtual void push(ConstFrameView frame) = 0;
  // push() without its copy: the pinned host frame the next frame goes into, for a producer that
  // writes it there itself, then commit() to send it on. next_frame() may wait for the batch
  // that last used that memory (it then reaches the sink first); each commit() needs a
  // next_frame() before it (Error otherwise: the memory may still be on its way to the GPU).
  virtual FrameView next_frame() = 0;
  virtual void commit() = 0;
  // Sends the last, partial batch and waits for every batch in flight, oldest first.
  virtual void finish() = 0;
  virtual PipelineSeconds seconds() const = 0;
};

// Batches of `batch` frames of width x height, `slots` of them in flight. Throws Error naming
// the CUDA call that failed (check unavailable_reason() first for a plainer message).
std::unique_ptr<FramePipeline> make_frame_pipeline(Algorithm algorithm, const KernelSpec& kernel, int width, int height, int batch,
                                                   int slots, FramePipeline::Sink sink, SinkThread sink_thread = SinkThread::caller);

}  // namespace framebench::kernels::cuda
