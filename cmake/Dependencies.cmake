# Every dependency comes from Debian 12 packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBAV REQUIRED IMPORTED_TARGET libavformat libavcodec libavutil libswscale)
if(FRAMEBENCH_LAVFI)  # the dataset generator's sources (media/lavfi_source.cpp)
  pkg_check_modules(LIBAVFILTER REQUIRED IMPORTED_TARGET libavfilter)
endif()
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)   # cpu-fft
pkg_check_modules(X264 IMPORTED_TARGET x264)
# libyuv (Debian ships no pkg-config file for it): BGR24 -> YUV 4:2:0 at a tenth of libswscale's cost.
find_path(LIBYUV_INCLUDE_DIR libyuv.h REQUIRED)
find_library(LIBYUV_LIBRARY yuv REQUIRED)
# Debian's per-module OpenCV -dev packages ship no CMake config (only libopencv-dev, which drags in
# every module), so the three modules we use are found directly. OpenCV is optional
# (FRAMEBENCH_OPENCV): without it the OpenCV-backed peers say "built without OpenCV".
# framebench_opencv (core, imgproc: some 20 libraries) is for the kernel peers in the main binary;
# framebench_opencv_videoio only for the opencv-videoio worker executable, because videoio pulls in
# some 240 more, whose loading took 0.1-0.15 s at every start of every framebench process.
add_library(framebench_opencv INTERFACE)
add_library(framebench_opencv_videoio INTERFACE)
set(FRAMEBENCH_HAVE_OPENCV OFF)
if(NOT FRAMEBENCH_OPENCV STREQUAL "OFF")
  find_path(OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4)
  set(FRAMEBENCH_HAVE_OPENCV ON)
  foreach(module core imgproc videoio)
    find_library(OPENCV_${module}_LIBRARY opencv_${module})
    if(NOT OPENCV_INCLUDE_DIR OR NOT OPENCV_${module}_LIBRARY)
      set(FRAMEBENCH_HAVE_OPENCV OFF)
    endif()
  endforeach()
  if(FRAMEBENCH_HAVE_OPENCV)
    target_include_directories(framebench_opencv SYSTEM INTERFACE ${OPENCV_INCLUDE_DIR})
    target_link_libraries(framebench_opencv INTERFACE ${OPENCV_core_LIBRARY} ${OPENCV_imgproc_LIBRARY})
    target_link_libraries(framebench_opencv_videoio INTERFACE framebench_opencv ${OPENCV_videoio_LIBRARY})
  elseif(FRAMEBENCH_OPENCV STREQUAL "ON")
    message(FATAL_ERROR "FRAMEBENCH_OPENCV=ON but OpenCV's core, imgproc and videoio were not all found")
  endif()
endif()
message(STATUS "framebench OpenCV peers: ${FRAMEBENCH_HAVE_OPENCV}")
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
