#include "core/large_allocations.hpp"

#include <malloc.h>

namespace framebench {

void map_large_allocations() { mallopt(M_MMAP_THRESHOLD, kMappedFrom); }

}  // namespace framebench
