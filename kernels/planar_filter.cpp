#include "kernels/planar_filter.hpp"

#include "core/error.hpp"

namespace framebench::kernels {

PlanarFilter::PlanarFilter(std::unique_ptr<Filter> filter) : filter_(std::move(filter)) {
  if (!filter_) throw Error("PlanarFilter: no filter");
}

void PlanarFilter::apply(const PlanarFrame& in, PlanarFrame& out) {
  out.format = in.format;
  out.planes.resize(in.planes.size());
  for (std::size_t i = 0; i < in.planes.size(); ++i) {
    const Frame& plane = in.planes[i];
    out.planes[i].resize(plane.width(), plane.height(), plane.channels());
    filter_->apply(plane.view(), out.planes[i].view());
  }
}

}  // namespace framebench::kernels
