#pragma once
// The BGR24 path's middle for one frame: the decoder's frame to BGR24, a filter, BGR24 into the
// encoder's frame. Where all three can stop at a row and give the bytes whole frames give (a
// 4:2:0 decoder frame, ToBgr::converts_in_bands; a yuv420p or yuvj420p encoder, libyuv), they
// take a band of rows at a time, so that the rows one step writes are still in cache when the
// next reads them (docs/PERFORMANCE.md, "BGR conversions in bands"); elsewhere whole frames, as
// ToBgr, the filter and FromBgr would each run them. One per thread.
#include <functional>
#include <memory>

#include "core/frame.hpp"
#include "media/native_frame.hpp"

namespace framebench::media {

class BgrBands {
 public:
  // Writes rows [y0, y1) of `out` from `in`, reading at most `radius` rows above and below them.
  using FilterRows = std::function<void(ConstFrameView in, FrameView out, int y0, int y1)>;
  static constexpr int kBandRows = 64;  // the fastest of 16 to 128 (tests/media/convert_filter_benchmark)

  // `band_rows`: even, positive (the benchmark tries others).
  BgrBands(int radius, FilterRows filter, int band_rows = kBandRows);
  ~BgrBands();
  BgrBands(BgrBands&&) noexcept;
  BgrBands& operator=(BgrBands&&) noexcept;

  // `decoded` (any format) through the filter into `encoded`, a frame of the encoder's format
  // and size from its frame_to_fill.
  void apply(const NativeFrame& decoded, NativeFrame& encoded);
  // Whether the last apply went in bands (or in whole frames).
  bool last_in_bands() const;
  // The last decoded frame in BGR24, as apply converted it (ToBgr's bytes, whole or in bands).
  ConstFrameView input_bgr() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
