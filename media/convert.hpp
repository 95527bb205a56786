#pragma once
// Pixel format conversion to and from packed BGR24, by the cheapest library that gives the same
// frames (measured with `framebench conversions`, docs/PERFORMANCE.md):
// - to BGR24, libswscale as the ffmpeg CLI's auto-inserted scale filter runs it (bicubic flags,
//   colour matrix and range from the frame): its unscaled YUV->RGB path costs what libyuv's does,
//   and frames we decode stay bit-identical to the CLI's, which piped-ffmpeg's exact
//   verification relies on;
// - from BGR24 to yuv420p (BT.601, limited range) and yuvj420p (full range), libyuv: a tenth of
//   libswscale's cost for the same matrix, luma within a level of it; libswscale for every other
//   format.
#include <string>
#include <string_view>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"
#include "media/libav.hpp"

namespace framebench::media {

// The choices above in a line, for results' context.
std::string bgr_conversions();

// The colour space and range (AVColorSpace, AVColorRange) of the frames FromBgr writes in
// `format`: BT.601 in the range the format says, or RGB's for RGB formats (no matrix).
struct WrittenMatrix {
  int color_space;
  int color_range;
};
WrittenMatrix from_bgr_matrix(std::string_view format);

// Empty when ToBgr converts YUV frames of `pixel_format` tagged with colour space `color_space`
// (an AVColorSpace) through that matrix; otherwise why not. libswscale has no YCgCo, SMPTE 2085,
// chroma-derived or ICtCp matrix, and gives BT.2020's constant-luminance one the non-constant
// one's coefficients: it converts them as another matrix without a word, and the reference made
// the same way verified the wrong colours (found 7 December 2026 by a colour sweep: a YCgCo clip's
// green bars came out purple, "verified (exact)").
std::string bgr_matrix_problem(std::string_view pixel_format, int color_space);

// Decoded frames of any format, size or range -> BGR24, rebuilding the context only on change.
class ToBgr {
 public:
  void convert(const AVFrame& in, Frame& out);
  // The same into memory the caller owns (pinned host frames for the GPU), of `in`'s size, three
  // channels and padded_stride() (libswscale writes past a row's end): a producer that converts
  // there saves a copy of every frame.
  void convert(const AVFrame& in, FrameView out);
  // The same as a PlanarFrame: one "bgr24" plane of three channels (the BGR24 path's frames).
  void convert(const AVFrame& in, PlanarFrame& out);
  // Whether convert_rows gives `in` the bytes convert gives: libswscale's unscaled 4:2:0 -> RGB
  // path converts each pair of rows on its own; its other paths keep rows back between slices.
  static bool converts_in_bands(const AVFrame& in);
  // Rows [y0, y1) of `in` into the same rows of `out`, for a frame that converts_in_bands: the
  // bands of one frame in order from row 0 (which sizes `out`), each starting on an even row.
  void convert_rows(const AVFrame& in, Frame& out, int y0, int y1);

 private:
  void ready_for(const AVFrame& in);

  SwsPtr sws_;
  int width_ = 0, height_ = 0, format_ = -1, colorspace_ = -1, range_ = -1;
};

// Which library FromBgr uses: the cheapest one for the format, or libswscale whatever the format
// (what the conversion microbenchmark compares against).
enum class FromBgrLibrary { cheapest, swscale };

// BGR24 -> an encoder's input format, same size.
class FromBgr {
 public:
  FromBgr(int width, int height, AVPixelFormat format, FromBgrLibrary library = FromBgrLibrary::cheapest);
  void convert(ConstFrameView in, AVFrame& out);
  // libyuv converts any band of rows starting on an even row on its own, libswscale does not.
  bool converts_in_bands() const { return libyuv_ != nullptr; }
  // Rows [y0, y1) of `in` into the same rows of `out` (y0 even); only where converts_in_bands.
  void convert_rows(ConstFrameView in, AVFrame& out, int y0, int y1);
  // "libyuv" or "libswscale".
  const char* library() const { return libyuv_ ? "libyuv" : "libswscale"; }

 private:
  void check_size(ConstFrameView in) const;

  using LibyuvFromBgr = int (*)(const std::uint8_t*, int, std::uint8_t*, int, std::uint8_t*, int, std::uint8_t*, int, int, int);
  LibyuvFromBgr libyuv_ = nullptr;
  SwsPtr sws_;
  int width_, height_;
};

}  // namespace framebench::media
