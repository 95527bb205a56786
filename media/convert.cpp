#include "media/convert.hpp"

#include <cstring>

#include <fmt/format.h>
#include <libyuv/convert.h>

#include "core/error.hpp"
#include "media/bgr_bands.hpp"

namespace framebench::media {

namespace {
constexpr int kSwsFlags = SWS_BICUBIC;  // the ffmpeg CLI's default -sws_flags

SwsPtr make_sws(int width, int height, AVPixelFormat from, AVPixelFormat to, int extra_flags = 0) {
  SwsPtr sws(sws_getContext(width, height, from, width, height, to, kSwsFlags | extra_flags, nullptr, nullptr, nullptr));
  if (!sws)
    throw Error(fmt::format("swscale cannot convert {} to {} at {}x{}", av_get_pix_fmt_name(from), av_get_pix_fmt_name(to),
                            width, height));
  return sws;
}

// Applies the colour matrix and the YUV side's range; the RGB side's settings stay as libswscale
// chose them, as the CLI's scale filter leaves them.
void set_details(SwsContext* sws, const int* matrix, bool yuv_is_source, bool full_range) {
  int *inv_table = nullptr, *table = nullptr;
  int src_range = 0, dst_range = 0, brightness = 0, contrast = 0, saturation = 0;
  if (sws_getColorspaceDetails(sws, &inv_table, &src_range, &table, &dst_range, &brightness, &contrast, &saturation) < 0)
    return;  // RGB to RGB: nothing to set
  if (yuv_is_source) src_range = full_range;
  else dst_range = full_range;
  sws_setColorspaceDetails(sws, matrix, src_range, matrix, dst_range, brightness, contrast, saturation);
}
// Decoders copy a frame's colour space and range from the bitstream, and a damaged file can hold
// values outside the enums; loading such a value as the enum is undefined behaviour (found by
// fuzzing: colour space 142). They are read as the integers they are; unknown ones count as
// unspecified.
int enum_value(const auto& field) {
  static_assert(sizeof field == sizeof(int));
  int value;
  std::memcpy(&value, &field, sizeof value);
  return value;
}

int colorspace_of(const AVFrame& f) {
  const int v = enum_value(f.colorspace);
  return v >= 0 && v < AVCOL_SPC_NB ? v : AVCOL_SPC_UNSPECIFIED;
}

AVColorRange range_of(const AVFrame& f) {
  const int v = enum_value(f.color_range);
  return v >= 0 && v < AVCOL_RANGE_NB ? static_cast<AVColorRange>(v) : AVCOL_RANGE_UNSPECIFIED;
}
}  // namespace

WrittenMatrix from_bgr_matrix(std::string_view format) {
  const AVPixelFormat f = av_get_pix_fmt(std::string(format).c_str());
  const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(f);
  if (d && (d->flags & AV_PIX_FMT_FLAG_RGB)) return {AVCOL_SPC_RGB, AVCOL_RANGE_JPEG};
  // The matrix FromBgr gives libswscale (SWS_CS_DEFAULT) and libyuv's RGB24ToI420 / J420 use.
  return {AVCOL_SPC_SMPTE170M, sws_format(f, AVCOL_RANGE_UNSPECIFIED).full_range ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG};
}

std::string bgr_matrix_problem(std::string_view pixel_format, int color_space) {
  const AVPixFmtDescriptor* format = av_pix_fmt_desc_get(av_get_pix_fmt(std::string(pixel_format).c_str()));
  // RGB and paletted frames need no matrix; gray ones have no chroma for it to mix.
  if (!format || (format->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)) || format->nb_components < 3) return {};
  // The matrices sws_getCoefficients has coefficients of their own for (libswscale 6.7), and
  // unspecified and reserved (BT.601, as untagged); anything else, a colour space libavutil adds
  // later too, is refused.
  switch (color_space) {
    case AVCOL_SPC_UNSPECIFIED: case AVCOL_SPC_RESERVED: case AVCOL_SPC_BT709: case AVCOL_SPC_FCC: case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: case AVCOL_SPC_SMPTE240M: case AVCOL_SPC_BT2020_NCL: return {};
    default: break;
  }
  const char* name = av_color_space_name(static_cast<AVColorSpace>(color_space));
  return fmt::format("its colour space {} has no conversion to BGR24 here (libswscale would take it for another)", name ? name : "unknown");
}

void ToBgr::ready_for(const AVFrame& in) {
  const int colorspace = colorspace_of(in);
  const AVColorRange range = range_of(in);
  if (!sws_ || in.width != width_ || in.height != height_ || in.format != format_ || colorspace != colorspace_ || range != range_) {
    const SwsFormat src = sws_format(static_cast<AVPixelFormat>(in.format), range);
    sws_ = make_sws(in.width, in.height, src.format, AV_PIX_FMT_BGR24);
    set_details(sws_.get(), sws_getCoefficients(colorspace), true, src.full_range);
    width_ = in.width;
    height_ = in.height;
    format_ = in.format;
    colorspace_ = colorspace;
    range_ = range;
  }
}

void ToBgr::convert(const AVFrame& in, Frame& out) {
  out.resize(in.width, in.height);
  convert(in, out.view());
}

void ToBgr::convert(const AVFrame& in, FrameView out) {
  if (out.width != in.width || out.height != in.height || out.channels != 3 || out.stride < padded_stride(in.width, 3))
    throw Error(fmt::format("ToBgr: a {}x{} frame cannot be converted into a {}x{} view of {} channels and stride {} (needs {})",
                            in.width, in.height, out.width, out.height, out.channels, out.stride, padded_stride(in.width, 3)));
  ready_for(in);
  std::uint8_t* dst[4] = {out.row(0), nullptr, nullptr, nullptr};
  const int dst_stride[4] = {static_cast<int>(out.stride), 0, 0, 0};
  sws_scale(sws_.get(), in.data, in.linesize, 0, in.height, dst, dst_stride);
}

bool ToBgr::converts_in_bands(const AVFrame& in) {
  // The unscaled yuv2rgb path takes only these, and only frames of even height.
  return (in.format == AV_PIX_FMT_YUV420P || in.format == AV_PIX_FMT_YUVJ420P) && in.height % 2 == 0;
}

void ToBgr::convert_rows(const AVFrame& in, Frame& out, int y0, int y1) {
  if (!converts_in_bands(in) || y0 % 2 != 0 || y0 < 0 || y1 > in.height || y0 >= y1)
    throw Error(fmt::format("ToBgr: rows {}-{} of a {} frame {} rows tall cannot be converted as a band", y0, y1,
                            av_get_pix_fmt_name(static_cast<AVPixelFormat>(in.format)), in.height));
  if (y0 == 0) {
    ready_for(in);
    out.resize(in.width, in.height);
  }
  const std::uint8_t* src[4] = {in.data[0] + static_cast<std::ptrdiff_t>(y0) * in.linesize[0],
                                in.data[1] + static_cast<std::ptrdiff_t>(y0 / 2) * in.linesize[1],
                                in.data[2] + static_cast<std::ptrdiff_t>(y0 / 2) * in.linesize[2], nullptr};
  std::uint8_t* dst[4] = {out.row(0), nullptr, nullptr, nullptr};
  const int dst_stride[4] = {static_cast<int>(out.stride()), 0, 0, 0};
  // libswscale says how many rows it wrote; a path that holds rows back would write fewer.
  const int written = sws_scale(sws_.get(), src, in.linesize, y0, y1 - y0, dst, dst_stride);
  if (written != y1 - y0) throw Error(fmt::format("ToBgr: libswscale converted {} of rows {}-{}", written, y0, y1));
}

void ToBgr::convert(const AVFrame& in, PlanarFrame& out) {
  out.format = "bgr24";
  out.planes.resize(1);
  convert(in, out.planes.front());
}

std::string bgr_conversions() {
  return fmt::format(
      "to BGR24: libswscale (bicubic flags, as the ffmpeg CLI); from BGR24: libyuv RGB24ToI420 (BT.601, limited range) for "
      "yuv420p and RGB24ToJ420 (BT.601, full range) for yuvj420p, libswscale (bicubic) for other formats; both conversions and the "
      "filter a band of {} rows at a time where the decoder gives 4:2:0 and libyuv feeds the encoder (not in "
      "tbb-pipeline's row bands)",
      BgrBands::kBandRows);
}

FromBgr::FromBgr(int width, int height, AVPixelFormat format, FromBgrLibrary library) : width_(width), height_(height) {
  // libyuv's "RGB24" is B, G, R in memory: our BGR24. Its I420 is BT.601 limited range, the
  // matrix and range libswscale is given below; its J420 is BT.601 full range, what yuvj420p
  // (JPEG) means.
  if (library == FromBgrLibrary::cheapest && format == AV_PIX_FMT_YUV420P) {
    libyuv_ = libyuv::RGB24ToI420;
    return;
  }
  if (library == FromBgrLibrary::cheapest && format == AV_PIX_FMT_YUVJ420P) {
    libyuv_ = libyuv::RGB24ToJ420;
    return;
  }
  const SwsFormat dst = sws_format(format, AVCOL_RANGE_UNSPECIFIED);
  // libswscale's unscaled BGR24 -> 4:2:0 path writes limited range whatever range it is told,
  // so a full-range output takes its exact path (6x the cost), which honours the range.
  sws_ = make_sws(width, height, AV_PIX_FMT_BGR24, dst.format, dst.full_range ? SWS_ACCURATE_RND : 0);
  set_details(sws_.get(), sws_getCoefficients(SWS_CS_DEFAULT), false, dst.full_range);
}

void FromBgr::check_size(ConstFrameView in) const {
  if (in.width != width_ || in.height != height_)
    throw Error(fmt::format("frame is {}x{}, expected {}x{}", in.width, in.height, width_, height_));
}

void FromBgr::convert(ConstFrameView in, AVFrame& out) {
  if (libyuv_) {  // the whole frame as one band
    convert_rows(in, out, 0, in.height);
    return;
  }
  check_size(in);
  const std::uint8_t* src[4] = {in.data, nullptr, nullptr, nullptr};
  const int src_stride[4] = {static_cast<int>(in.stride), 0, 0, 0};
  sws_scale(sws_.get(), src, src_stride, 0, in.height, out.data, out.linesize);
}

void FromBgr::convert_rows(ConstFrameView in, AVFrame& out, int y0, int y1) {
  check_size(in);
  if (!libyuv_ || y0 % 2 != 0 || y0 < 0 || y1 > in.height || y0 >= y1)
    throw Error(fmt::format("FromBgr: rows {}-{} of a frame {} rows tall cannot be converted as a band by {}", y0, y1, in.height,
                            library()));
  const auto chroma = static_cast<std::ptrdiff_t>(y0 / 2);
  if (libyuv_(in.row(y0), static_cast<int>(in.stride),
              out.data[0] + static_cast<std::ptrdiff_t>(y0) * out.linesize[0], out.linesize[0], out.data[1] + chroma * out.linesize[1],
              out.linesize[1], out.data[2] + chroma * out.linesize[2], out.linesize[2], in.width, y1 - y0) != 0)
    throw Error(fmt::format("libyuv cannot convert rows {}-{} of a {}x{} BGR24 frame", y0, y1, in.width, in.height));
}

}  // namespace framebench::media
