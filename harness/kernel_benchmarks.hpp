#pragma once
// `framebench kernels`: Google Benchmark microbenchmarks of kernel implementations alone (no
// decode or encode), one case per implementation x kernel x frame size (x pixel format), named
// kernel/impl:I/kernel:K/size:WxH for BGR24 frames and kernel/impl:I/kernel:K/pixel_format:native/size:WxH
// for the native path's yuv420p planes, with throughput against the measured memory bandwidth.
#include <filesystem>
#include <string>
#include <vector>

#include "harness/kernel_sweep.hpp"

namespace framebench::harness {

struct KernelBenchOptions {
  std::vector<std::string> impls;    // empty: every implementation available here
  std::vector<std::string> kernels;  // empty: default_kernels()
  std::vector<std::string> sizes;    // empty: default_sizes()
  std::vector<std::string> pixel_formats;  // bgr24, native; empty: the sweep file's, else bgr24
  int threads = -1;                  // budget for multithreaded implementations, 0 = all cores;
                                     // -1: the sweep file's, else 1 (fair single-thread peers)
  std::filesystem::path config;      // a sweep file supplying the lists not given above
  std::filesystem::path out;         // empty: results/kernels-<host>-<UTC time>.json
  std::vector<std::string> benchmark_flags;  // --benchmark_* flags for Google Benchmark
  bool benchmark_console = false;            // also print Google Benchmark's own console output
};

std::vector<std::string> default_kernels();
std::vector<std::string> default_sizes();

struct KernelBenchOutcome {
  std::filesystem::path results_file;  // empty when only listing (--benchmark_list_tests)
  int cases_run = 0;
  int cases_failed = 0;   // errors, or output not matching cpu-fast within the exactness class
  int cases_skipped = 0;  // implementation unavailable or unable to run that kernel
  // The machine's state as the sweep began, and cases other processes took more than run's
  // default disturbed share of the CPUs from: one line each, for after the table.
  std::vector<std::string> warnings;
};

// Validates everything first (InputError for unknown names, bad sizes or flags), measures the
// memory bandwidth, runs the cases, writes the JSON atomically and prints a summary table.
KernelBenchOutcome run_kernel_benchmarks(const KernelBenchOptions& options);

}  // namespace framebench::harness
