#include "core/large_allocations.hpp"

#include <gtest/gtest.h>

#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

// A sanitizer's allocator stands in for glibc's and ignores its settings (scripts/sanitize).
#if defined(__SANITIZE_ADDRESS__)
#define FRAMEBENCH_GLIBC_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FRAMEBENCH_GLIBC_MALLOC 0
#endif
#endif
#ifndef FRAMEBENCH_GLIBC_MALLOC
#define FRAMEBENCH_GLIBC_MALLOC 1
#endif

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
  if (!FRAMEBENCH_GLIBC_MALLOC) GTEST_SKIP() << "built with a sanitizer, whose allocator is not glibc's";
  const std::size_t frame = 1920 * 1080 * 3;
  // glibc alone: freeing the 16 MiB block raised its threshold, so a 1080p frame lands in the heap.
  // Checked in a child, before this process asks otherwise (a repeated test would inherit it).
  static bool asked = false;
  if (!asked) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) _exit(mapped_after_a_large_free(frame) ? 1 : 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "glibc kept the frame mapped without being asked";
  }
  asked = true;

  map_large_allocations();
  EXPECT_TRUE(mapped_after_a_large_free(frame));
  EXPECT_TRUE(mapped_after_a_large_free(kMappedFrom));
  EXPECT_FALSE(mapped_after_a_large_free(kMappedFrom / 2));  // small blocks stay in the heap
}

}  // namespace
}  // namespace framebench
