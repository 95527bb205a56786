#pragma once
// How the process's allocator places large blocks (frames, encoded chunks, index tables).

namespace framebench {

// Blocks of kMappedFrom bytes and more get mappings of their own, returned to the system when
// freed. glibc starts at that threshold but raises it to the size of each mapped block freed, so
// after the first frame is freed every later one lands in the heap, where freed frames stay
// resident and scatter: on a 2-minute 1080p input the peak RSS of tbb-chunks was 10% above an
// 8-second one's, 5% with the threshold held (docs/PERFORMANCE.md §12). Call first in main().
void map_large_allocations();
inline constexpr int kMappedFrom = 256 << 10;  // a 360p BGR24 frame is 675 KiB, a 1080p one 6 MiB

}  // namespace framebench
