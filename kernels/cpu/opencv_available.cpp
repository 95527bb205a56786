// kernels/cpu/opencv.hpp in a build with OpenCV.
#include <opencv2/core/version.hpp>

#include "kernels/cpu/opencv.hpp"

namespace framebench::kernels {

std::string opencv_unavailable_reason() { return {}; }

std::string opencv_version() { return CV_VERSION; }

}  // namespace framebench::kernels
