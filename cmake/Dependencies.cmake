# Every dependency comes from Debian 12 packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET
  libavformat libavcodec libavutil libswscale libavfilter)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(X264 IMPORTED_TARGET x264)
# Debian's per-module OpenCV -dev packages ship no CMake config (only libopencv-dev, which drags in
# every module), so the three modules we use are found directly.
find_path(OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
add_library(framebench_opencv INTERFACE)
target_include_directories(framebench_opencv SYSTEM INTERFACE ${OPENCV_INCLUDE_DIR})
foreach(module core imgproc videoio)
  find_library(OPENCV_${module}_LIBRARY opencv_${module} REQUIRED)
  target_link_libraries(framebench_opencv INTERFACE ${OPENCV_${module}_LIBRARY})
endforeach()
find_package(TBB REQUIRED)
find_package(fmt REQUIRED)
find_package(benchmark REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(OpenSSL REQUIRED)   # SHA-256 of dataset files
find_package(Threads REQUIRED)
if(FRAMEBENCH_TESTS)
  find_package(GTest REQUIRED)
endif()
