#include "core/large_allocations.hpp"

#include <gtest/gtest.h>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace framebench {
namespace {

void* volatile sink = nullptr;  // so that no allocation below is optimised away

// Whether a block of `bytes` allocated after one of 16 MiB was freed gets a mapping of its own
// (glibc counts mapped bytes apart from the heap's).
bool mapped_after_a_large_free(std::size_t bytes) {
  sink = std::malloc(16 << 20);
  std::memset(sink, 1, 16 << 20);
  std::free(sink);
  const std::size_t before = mallinfo2().hblkhd;
  sink = std::malloc(bytes);
  std::memset(sink, 1, bytes);
  const bool mapped = mallinfo2().hblkhd >= before + bytes;
  std::free(sink);
  return mapped;
}

TEST(LargeAllocations, FramesFreedDoNotMoveLaterFramesIntoTheHeap) {
  const std::size_t frame = 1920 * 1080 * 3;
  // glibc alone: freeing the 16 MiB block raised its threshold, so a 1080p frame lands in the heap.
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(mapped_after_a_large_free(frame) ? 1 : 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "glibc kept the frame mapped without being asked";

  map_large_allocations();
  EXPECT_TRUE(mapped_after_a_large_free(frame));
  EXPECT_TRUE(mapped_after_a_large_free(kMappedFrom));
  EXPECT_FALSE(mapped_after_a_large_free(kMappedFrom / 2));  // small blocks stay in the heap
}

}  // namespace
}  // namespace framebench
