#include "harness/gpu_kernel_cases.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "kernels/cuda/front.hpp"
#include "kernels/fast_filter.hpp"

namespace framebench::harness {

namespace {

// Frames per launch of a device-resident case and per batch of a pipeline case, as the GPU
// strategies send them (configs/gpu.toml).
constexpr int kDeviceBatch = 8;
// Batches in flight in the pipeline cases: cuda-shared's one and cuda-streams' four.
constexpr int kPipelineSlots[] = {1, 4};

// The kernel alone: frames stay on the device, CUDA events time each launch (manual time), and
// the bytes one frame needs at least are read against the measured device copy bandwidth.
// Correctness on the device is the GPU tests' business (tests/gpu), as the host case beside it
// checks the same implementation's output against cpu-fast.
void run_device_case(benchmark::State& state, KernelCase& c) {
  throw_if_interrupted();
  c.ran = true;
  try {
    const auto timer = kernels::cuda::make_device_kernel_timer(c.impl->name, c.kernel, c.size.width, c.size.height, kDeviceBatch);
    timer->run(1);  // untimed: plans and caches warm up
    for (auto _ : state) {
      throw_if_interrupted();
      state.SetIterationTime(timer->run(1));
    }
    const double frames = timer->frames_per_launch();
    const double bytes = frames * static_cast<double>(timer->min_bytes_per_frame());
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    using benchmark::Counter;
    state.counters["fps"] = Counter(frames, Counter::kIsIterationInvariantRate);
    state.counters["pixels_per_second"] = Counter(frames * c.size.width * c.size.height, Counter::kIsIterationInvariantRate);
    state.counters["bandwidth_fraction"] = Counter(bytes / c.bandwidth, Counter::kIsIterationInvariantRate);
    state.counters["batch"] = frames;
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    fail_case(state, c, e);
  }
}

// The GPU side of the cuda-* strategies without codecs: upload, kernel and download of batches
// already in pinned memory, as a decoder writing into the ring (next_frame) would leave them.
// The untimed warm-up push()es the input into every frame of every slot, checks each batch's
// first frame against cpu-fast and times the copy into pinned memory that push() costs
// (staging_ms); each timed iteration then commit()s one batch of those frames. Once every slot
// is in use, taking a slot waits for the batch sent N batches ago, so an iteration's time is the
// ring's steady throughput. Upload and download use the device's two copy engines, so a frame
// takes at least the slower of its two transfers: bandwidth_fraction is that bound over the
// time it took.
void run_pipeline_case(benchmark::State& state, KernelCase& c, int slots) {
  throw_if_interrupted();
  c.ran = true;
  try {
    const ConstFrameView input = c.inputs->get(c.size, PixelPath::bgr24).planes.front().view();
    Frame expected(c.size.width, c.size.height);
    kernels::make_fast_filter(c.kernel)->apply(input, expected.view());
    long received = 0;
    int diff = 0;
    bool checking = true;
    const auto pipeline = kernels::cuda::make_frame_pipeline(kernels::cuda::algorithm_named(c.impl->name), c.kernel, c.size.width,
                                                             c.size.height, kDeviceBatch, slots, [&](ConstFrameView filtered) {
                                                               if (checking && received % kDeviceBatch == 0)
                                                                 diff = std::max(diff, framebench::max_difference(filtered, expected.view()));
                                                               ++received;
                                                             });
    const int warm_frames = 2 * slots * kDeviceBatch;
    for (int i = 0; i < warm_frames; ++i) pipeline->push(input);
    pipeline->finish();  // every warm-up batch back, and checked, before the clock starts
    const double staging = pipeline->seconds().transfer / warm_frames;
    checking = false;
    const auto before = pipeline->seconds();
    const long received_before = received;
    for (auto _ : state) {
      throw_if_interrupted();
      for (int i = 0; i < kDeviceBatch; ++i) {
        pipeline->next_frame();  // holds the input since the warm-up
        pipeline->commit();
      }
    }
    pipeline->finish();
    check_against_cpu_fast(c, diff);
    const double frame_bytes = static_cast<double>(input.row_bytes()) * input.height;
    const double bytes = kDeviceBatch * 2 * frame_bytes;  // each frame up and down
    const double bound = 2 * frame_bytes / c.bandwidth;  // seconds per frame
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    using benchmark::Counter;
    state.counters["fps"] = Counter(kDeviceBatch, Counter::kIsIterationInvariantRate);
    state.counters["pixels_per_second"] =
        Counter(static_cast<double>(kDeviceBatch) * c.size.width * c.size.height, Counter::kIsIterationInvariantRate);
    state.counters["bandwidth_fraction"] = Counter(bytes / c.bandwidth, Counter::kIsIterationInvariantRate);
    state.counters["slots"] = slots;
    state.counters["batch"] = kDeviceBatch;
    state.counters["max_abs_diff"] = diff;
    state.counters["verified"] = 1;
    // Per frame received since the clock started: the stages as CUDA events saw them (on several streams
    // they overlap, so they may add up to more than the wall time per frame), the bound, and
    // the copy into pinned memory that push() adds where the producer cannot write in place.
    const auto after = pipeline->seconds();
    const double timed_frames = static_cast<double>(received - received_before);  // the frames booked since
    state.counters["upload_ms"] = 1e3 * (after.upload - before.upload) / timed_frames;
    state.counters["kernel_ms"] = 1e3 * (after.kernel - before.kernel) / timed_frames;
    state.counters["download_ms"] = 1e3 * (after.download - before.download) / timed_frames;
    state.counters["transfer_bound_ms"] = 1e3 * bound;
    state.counters["staging_ms"] = 1e3 * staging;
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    fail_case(state, c, e);
  }
}

// The host case's name with `suffix` after the implementation: kernel/impl:cuda-shared@device/...
std::unique_ptr<KernelCase> twin(const KernelCase& host, const std::string& suffix) {
  auto c = std::make_unique<KernelCase>(host);
  const auto impl = "kernel/impl:" + host.impl->name + "/";
  if (!c->name.starts_with(impl)) throw Error(fmt::format("kernel case '{}' does not start with '{}'", c->name, impl));
  c->name.insert(impl.size() - 1, suffix);
  c->label = host.impl->name + suffix;
  return c;
}

}  // namespace

std::vector<std::unique_ptr<KernelCase>> register_gpu_twins(const KernelCase& host) {
  std::vector<std::unique_ptr<KernelCase>> out;
  auto device = twin(host, "@device");
  device->roofline = KernelCase::Roofline::device_copy;
  KernelCase* raw = device.get();
  raw->timed_by = "manual_time";
  benchmark::RegisterBenchmark(raw->name.c_str(), [raw](benchmark::State& state) { run_device_case(state, *raw); })
      ->UseManualTime()
      ->Unit(benchmark::kMillisecond);
  out.push_back(std::move(device));
  if (host.impl->name != "cuda-shared") return out;  // the strategies' ring runs cuda-shared's kernels
  for (const int slots : kPipelineSlots) {
    auto pipeline = twin(host, fmt::format("@pipeline:{}", slots));
    pipeline->roofline = KernelCase::Roofline::device_transfer;
    KernelCase* p = pipeline.get();
    benchmark::RegisterBenchmark(p->name.c_str(), [p, slots](benchmark::State& state) { run_pipeline_case(state, *p, slots); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
    out.push_back(std::move(pipeline));
  }
  return out;
}

}  // namespace framebench::harness
