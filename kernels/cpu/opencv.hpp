#pragma once
// Whether this build has OpenCV (FRAMEBENCH_OPENCV), for the implementations and the strategy
// that need it: CMake compiles opencv_available.cpp or opencv_unavailable.cpp.
#include <string>

namespace framebench::kernels {

// Empty with OpenCV; otherwise "built without OpenCV".
std::string opencv_unavailable_reason();

// OpenCV's version (CV_VERSION), or "not built".
std::string opencv_version();

}  // namespace framebench::kernels
