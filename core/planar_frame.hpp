#pragma once
// A picture as planes of 8-bit samples, each plane a Frame of its own size and channel count:
// packed BGR24 is one plane of three channels; yuv420p is three planes of one, chroma at half
// width and height; nv12 is a luma plane and a plane of interleaved chroma pairs.
#include <span>
#include <string>
#include <vector>

#include "core/frame.hpp"

namespace framebench {

struct PlaneShape {
  int width = 0;
  int height = 0;
  int channels = 1;
  bool operator==(const PlaneShape&) const = default;
};

struct PlanarFrame {
  std::string format;  // libav's name for the layout: "bgr24", "yuv420p", ...
  std::vector<Frame> planes;

  // Reallocates only planes whose shape changes, so a loop can reuse one PlanarFrame.
  void reshape(std::string layout, std::span<const PlaneShape> shapes);
  // The same format and plane shapes as `other` (pixels not copied).
  void reshape_like(const PlanarFrame& other);
  int width() const { return planes.empty() ? 0 : planes.front().width(); }
  int height() const { return planes.empty() ? 0 : planes.front().height(); }
};

bool same_pixels(const PlanarFrame& a, const PlanarFrame& b);

}  // namespace framebench
