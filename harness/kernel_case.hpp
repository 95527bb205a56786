#pragma once
// One `framebench kernels` case as Google Benchmark runs it, and the input frames the cases share.
// kernel_benchmarks.cpp registers and runs the host cases; gpu_kernel_cases.cpp the GPU's twins.
#include <benchmark/benchmark.h>

#include <exception>
#include <map>
#include <string>
#include <tuple>

#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "harness/kernel_sweep.hpp"
#include "kernels/implementation.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::harness {

// Input frames, made on first use (a size may be filtered out) and shared by the cases: noise
// from a fixed seed, so every run and machine filters the same input.
class KernelInputs {
 public:
  const PlanarFrame& get(FrameSize size, PixelPath pixels);

 private:
  std::map<std::tuple<int, int, PixelPath>, PlanarFrame> frames_;
};

// Everything one registered case needs.
struct KernelCase {
  std::string name;
  std::string label;           // the summary's implementation column: impl, or impl@device and the like
  const kernels::Implementation* impl = nullptr;
  kernels::KernelSpec kernel;
  FrameSize size;
  PixelPath pixels = PixelPath::bgr24;  // native: yuv420p planes, each filtered on its own
  KernelInputs* inputs = nullptr;
  int threads = 1;             // what the implementation actually uses
  double bandwidth = 0;        // the roofline the case is read against, bytes/s
  // What `bandwidth` is (set once measured, harness/kernel_benchmarks.cpp): the CPU's memory
  // bandwidth, the device's copy bandwidth (a GPU twin @device), or the bus both ways (@pipeline).
  enum class Roofline { host_memory, device_copy, device_transfer } roofline = Roofline::host_memory;
  std::string error;           // set once the case failed
  bool ran = false;
  // Others' and steal's share of the CPUs over its timed loops, weighted by their time as run
  // weighs a case's repetitions: Google Benchmark's first loops of a case last a fraction of a
  // millisecond, where one clock tick of another process reads as most of the CPUs.
  double others_s = 0, looped_s = 0;
  double others_share() const { return looped_s > 0 ? others_s / looped_s : 0; }
  int place = 0, of = 0;       // for the progress line: the case's place among those registered (of 0: no line)
  // The segment Google Benchmark appends to the name it matches --benchmark_filter against.
  std::string timed_by = "real_time";
};

// Ctrl-C or SIGTERM: a case throws Interrupted (throw_if_interrupted) out through Google
// Benchmark, whose runner runs a case without threads of its own on the calling thread and
// unwinds, so that `kernels` exits 128 + the signal without a results file. A case skipped for it
// instead made Google Benchmark abort under --benchmark_repetitions: its statistics check that
// every repetition of a case ran as many iterations.

// Throws Error when `diff` (against cpu-fast, tested bit-exact with the reference) is beyond the
// implementation's exactness class: a wrong result is a failure, not a fast case.
void check_against_cpu_fast(const KernelCase& c, int diff);

// Marks the case failed with `e`'s message, says so on stderr and ends its Google Benchmark run.
void fail_case(benchmark::State& state, KernelCase& c, const std::exception& e);

}  // namespace framebench::harness
