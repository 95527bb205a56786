#include "media/bgr_bands.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"

#include "media/convert.hpp"
#include "media/libav.hpp"

namespace framebench::media {

struct BgrBands::Impl {
  Impl(int r, FilterRows f, int rows) : radius(r), band_rows(rows), filter(std::move(f)) {}

  int radius, band_rows;
  FilterRows filter;
  ToBgr to_bgr;
  std::optional<FromBgr> from_bgr;
  int from_width = 0, from_height = 0, from_format = -1;
  Frame bgr, filtered;
  bool in_bands = false;

  FromBgr& from_bgr_for(const AVFrame& out) {
    if (!from_bgr || out.width != from_width || out.height != from_height || out.format != from_format) {
      from_bgr.emplace(out.width, out.height, static_cast<AVPixelFormat>(out.format));
      from_width = out.width;
      from_height = out.height;
      from_format = out.format;
    }
    return *from_bgr;
  }

  void apply(const AVFrame& in, AVFrame& out) {
    FromBgr& to_out = from_bgr_for(out);
    filtered.resize(in.width, in.height);
    in_bands = ToBgr::converts_in_bands(in) && to_out.converts_in_bands();
    if (!in_bands) {
      to_bgr.convert(in, bgr);
      filter(bgr.view(), filtered.view(), 0, in.height);
      to_out.convert(filtered.view(), out);
      return;
    }
    // Each band's filter reads `radius` converted rows below it, so conversion runs that far
    // ahead, to an even row (4:2:0 converts in pairs of rows).
    int converted = 0;
    for (int y0 = 0; y0 < in.height; y0 += band_rows) {
      const int y1 = std::min(in.height, y0 + band_rows);
      const int needed = std::min(in.height, (y1 + radius + 1) & ~1);
      if (needed > converted) {
        to_bgr.convert_rows(in, bgr, converted, needed);
        converted = needed;
      }
      filter(bgr.view(), filtered.view(), y0, y1);
      to_out.convert_rows(filtered.view(), out, y0, y1);
    }
  }
};

BgrBands::BgrBands(int radius, FilterRows filter, int band_rows) {
  if (band_rows <= 0 || band_rows % 2 != 0) throw Error(fmt::format("BgrBands: bands of {} rows (an even number is needed)", band_rows));
  impl_ = std::make_unique<Impl>(radius, std::move(filter), band_rows);
}
BgrBands::~BgrBands() = default;
BgrBands::BgrBands(BgrBands&&) noexcept = default;
BgrBands& BgrBands::operator=(BgrBands&&) noexcept = default;

void BgrBands::apply(const NativeFrame& decoded, NativeFrame& encoded) { impl_->apply(decoded.av(), encoded.av()); }
bool BgrBands::last_in_bands() const { return impl_->in_bands; }
ConstFrameView BgrBands::input_bgr() const { return impl_->bgr.view(); }

}  // namespace framebench::media
