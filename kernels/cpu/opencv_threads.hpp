#pragma once

namespace framebench::kernels {

// OpenCV's own thread pool, set to the budget: threads >= 1 uses that many, 0 all cores.
// (OpenCV reads 0 as "no threading" and a negative number as its default of all cores.)
void set_opencv_threads(int threads);

}  // namespace framebench::kernels
