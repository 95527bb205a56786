#pragma once
// A named range on a profiler's timeline (NVTX, header-only from the CUDA toolkit): Nsight
// Systems shows the GPU stages as decode, upload, kernel, download and encode, and projects the
// GPU work enqueued inside a range onto it. With no profiler attached a range costs a call that
// returns at once; in a build without CUDA there is no profiler to tell. Plain C++.
namespace framebench::kernels::cuda {

class ProfilerRange {
 public:
  // `name` must outlive the range (a string literal).
  explicit ProfilerRange(const char* name);
  ~ProfilerRange();
  ProfilerRange(const ProfilerRange&) = delete;
  ProfilerRange& operator=(const ProfilerRange&) = delete;
};

}  // namespace framebench::kernels::cuda
