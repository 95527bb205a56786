#include "core/planar_frame.hpp"

namespace framebench {

void PlanarFrame::reshape(std::string layout, std::span<const PlaneShape> shapes) {
  format = std::move(layout);
  planes.resize(shapes.size());
  for (std::size_t i = 0; i < shapes.size(); ++i) planes[i].resize(shapes[i].width, shapes[i].height, shapes[i].channels);
}

void PlanarFrame::reshape_like(const PlanarFrame& other) {
  std::vector<PlaneShape> shapes;
  for (const Frame& p : other.planes) shapes.push_back({p.width(), p.height(), p.channels()});
  reshape(other.format, shapes);
}

bool same_pixels(const PlanarFrame& a, const PlanarFrame& b) {
  if (a.format != b.format || a.planes.size() != b.planes.size()) return false;
  for (std::size_t i = 0; i < a.planes.size(); ++i)
    if (!same_pixels(a.planes[i].view(), b.planes[i].view())) return false;
  return true;
}

}  // namespace framebench
