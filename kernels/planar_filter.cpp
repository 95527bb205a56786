#include "kernels/planar_filter.hpp"

#include <fmt/format.h>

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

void PlanarFilter::apply(std::span<const ConstFrameView> in, std::span<const FrameView> out) {
  if (in.size() != out.size()) throw Error(fmt::format("PlanarFilter: {} planes in, {} out", in.size(), out.size()));
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i].width != out[i].width || in[i].height != out[i].height || in[i].channels != out[i].channels)
      throw Error(fmt::format("PlanarFilter: plane {} is {}x{}x{} in, {}x{}x{} out", i, in[i].width, in[i].height, in[i].channels,
                              out[i].width, out[i].height, out[i].channels));
    filter_->apply(in[i], out[i]);
  }
}

}  // namespace framebench::kernels
