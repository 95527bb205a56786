#pragma once
// Measured memory bandwidth, the roofline that kernel throughput is read against.
namespace framebench::harness {

// Bytes per second, counting bytes read plus bytes written (a copy of N bytes moves 2N).
struct MemoryBandwidth {
  double single_core_bytes_per_s = 0;
  double all_cores_bytes_per_s = 0;
};

// Copies buffers far larger than any last-level cache (256 MiB), best of a few runs, on one
// thread and on one thread per available core, each copying its share. Takes about a second.
MemoryBandwidth measure_memory_bandwidth();

}  // namespace framebench::harness
