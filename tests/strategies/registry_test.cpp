#include "strategies/registry.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "kernels/cpu/opencv.hpp"
#include "mpi/world.hpp"
#include "kernels/cuda/front.hpp"

namespace framebench::strategies {
namespace {

TEST(StrategyRegistry, ListsEveryStrategyOnceInTheDesignsOrder) {
  std::vector<std::string> names;
  for (const Strategy* s : all_strategies()) {
    names.push_back(s->name());
    EXPECT_FALSE(s->description().empty()) << s->name();
    EXPECT_EQ(&strategy(s->name()), s);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"single-core", "opencv-videoio", "multiprocess-segments", "tbb-pipeline", "piped-ffmpeg",
                                             "in-memory", "tbb-chunks", "cuda-global", "cuda-shared", "cuda-fft", "cuda-streams", "mpi-segments",
                                             "ffmpeg-filter", "ffmpeg-native"}));
}

// Not started by mpirun (or built without Open MPI), mpi-segments says why, and will not run.
TEST(StrategyRegistry, MpiSegmentsSaysWhyOutsideAnMpiJob) {
  const auto build = mpi::build_unavailable_reason();
  const auto why = strategy("mpi-segments").unavailable_reason();
  EXPECT_EQ(why, build.empty() ? "not started as an MPI rank (run framebench under mpirun -np N or srun)" : build);
  Job job;
  job.workers = 1;
  try {
    strategy("mpi-segments").run(job);
    ADD_FAILURE() << "mpi-segments ran outside an MPI job";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), why);
  }
}

TEST(StrategyRegistry, UnknownNamesAreInputErrorsWithASuggestionAndTheKnownOnes) {
  try {
    strategy("cuda-shard");
    FAIL() << "found cuda-shard";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("unknown strategy 'cuda-shard'"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'cuda-shared'"), std::string::npos) << what;
    for (const Strategy* s : all_strategies()) EXPECT_NE(what.find(s->name()), std::string::npos) << s->name();
  }
}

// In every build, with a device or not: the GPU strategies say exactly what the CUDA front says.
TEST(StrategyRegistry, GpuStrategiesAreListedWithTheCudaReason) {
  const auto why = kernels::cuda::unavailable_reason();
  for (const char* name : {"cuda-global", "cuda-shared", "cuda-fft", "cuda-streams"}) {
    EXPECT_EQ(strategy(name).unavailable_reason(), why) << name;
    if (why.empty()) continue;
    Job job;
    job.workers = 1;
    try {
      strategy(name).run(job);
      ADD_FAILURE() << name << " ran without a device";
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()), why) << name;
    }
  }
}

// With OpenCV the peer runs where its FFmpeg backend exists; without it, it says "built without OpenCV".
TEST(StrategyRegistry, OpencvVideoioSaysWhyWithoutOpencv) {
  const auto why = kernels::opencv_unavailable_reason();
  if (why.empty()) GTEST_SKIP() << "built with OpenCV";
  EXPECT_EQ(strategy("opencv-videoio").unavailable_reason(), "built without OpenCV");
  Job job;
  job.workers = 1;
  EXPECT_THROW(strategy("opencv-videoio").run(job), Error);
}

}  // namespace
}  // namespace framebench::strategies
