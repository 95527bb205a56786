#pragma once
// Frames from a libavfilter source graph, e.g. "testsrc2=size=1280x720:rate=30" or
// "mandelbrot=size=1920x1080:rate=30", converted to packed BGR24 exactly as the ffmpeg CLI's
// `-f lavfi -i GRAPH -pix_fmt bgr24` converts them. Synthetic clips come from here. Note that
// testsrc2 renders yuv420p and so rounds odd sizes down; testsrc and mandelbrot keep them.
// libavfilter itself is opened when the first source is made (avfilter_library.hpp), so that no
// other command loads it. A build without its headers (FRAMEBENCH_LAVFI=OFF: the GPU machine's
// payload, which carries its clips ready-made) has lavfi_source_unavailable.cpp instead, whose
// constructor says so.
#include <memory>
#include <string>

#include "core/frame.hpp"
#include "media/rational.hpp"

namespace framebench::media {

// libavfilter's version, e.g. "8.44.100" (opening it), or "not built in".
std::string libavfilter_version();

class LavfiSource {
 public:
  // Throws InputError naming the graph if libavfilter cannot build it, Error if it cannot be opened.
  explicit LavfiSource(const std::string& graph);
  ~LavfiSource();
  LavfiSource(const LavfiSource&) = delete;
  LavfiSource& operator=(const LavfiSource&) = delete;

  // The next frame; false when the source ends (most sources never do).
  bool read(Frame& frame);
  int width() const;
  int height() const;
  Rational frame_rate() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
