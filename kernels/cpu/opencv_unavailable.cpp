// The OpenCV-backed implementations in a build without OpenCV: listed, and saying why not.
#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/cpu/opencv.hpp"
#include "kernels/cpu/opencv_peers.hpp"

namespace framebench::kernels {

std::string opencv_unavailable_reason() { return "built without OpenCV"; }

std::string opencv_version() { return "not built"; }

namespace {
[[noreturn]] void refuse(const char* implementation) {
  throw Error(fmt::format("{}: {}", implementation, opencv_unavailable_reason()));
}
}  // namespace

std::unique_ptr<Filter> make_opencv_filter2d(const KernelSpec&, int) { refuse("opencv-filter2d"); }
std::unique_ptr<Filter> make_opencv_sep(const KernelSpec&, int) { refuse("opencv-sep"); }

}  // namespace framebench::kernels
