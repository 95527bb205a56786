#include "media/native_planes.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/libav.hpp"

namespace framebench::media {

namespace {

ChromaShift shift_of(const AVPixFmtDescriptor& desc) {
  if (desc.flags & AV_PIX_FMT_FLAG_RGB) return {};
  return {desc.log2_chroma_w, desc.log2_chroma_h};
}

[[noreturn]] void refuse(const std::string& where, const std::string& format, std::string_view why) {
  throw InputError(fmt::format("{}: pixel format native cannot filter {} as it is: {}", where, format, why));
}

}  // namespace

std::vector<PlaneShape> native_planes(const std::string& pixel_format, int width, int height, const std::string& where) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(av_get_pix_fmt(pixel_format.c_str()));
  if (!desc) refuse(where, pixel_format, "libav does not know this pixel format");
  if (desc->flags & (AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_FLOAT))
    refuse(where, pixel_format, "its samples are not plain 8-bit values");
  const ChromaShift shift = shift_of(*desc);
  std::vector<PlaneShape> planes;
  for (int c = 0; c < desc->nb_components; ++c) {
    const AVComponentDescriptor& comp = desc->comp[c];
    if (comp.depth != 8 || comp.shift != 0) refuse(where, pixel_format, fmt::format("it has {}-bit samples, the kernels take 8", comp.depth));
    if (comp.plane >= static_cast<int>(planes.size())) planes.resize(static_cast<std::size_t>(comp.plane) + 1, PlaneShape{0, 0, 0});
    PlaneShape& p = planes[static_cast<std::size_t>(comp.plane)];
    ++p.channels;
    // Chroma (components 1 and 2) is subsampled; luma and alpha are not.
    const bool chroma = c == 1 || c == 2;
    p.width = chroma ? AV_CEIL_RSHIFT(width, shift.log2_width) : width;
    p.height = chroma ? AV_CEIL_RSHIFT(height, shift.log2_height) : height;
  }
  // Each plane's components must fill its pixels exactly (no packed 4:2:2 like yuyv422, no
  // padding byte like bgr0), so that a plane is a frame of `channels` interleaved samples.
  for (int c = 0; c < desc->nb_components; ++c) {
    const AVComponentDescriptor& comp = desc->comp[c];
    const PlaneShape& p = planes[static_cast<std::size_t>(comp.plane)];
    if (comp.step != p.channels || comp.offset >= p.channels)
      refuse(where, pixel_format, "its components are not planes of evenly interleaved samples");
  }
  for (const PlaneShape& p : planes)
    if (p.channels == 0) refuse(where, pixel_format, "it has an empty plane");
  return planes;
}

bool is_paletted(const std::string& pixel_format) {
  const AVPixFmtDescriptor* format = av_pix_fmt_desc_get(av_get_pix_fmt(pixel_format.c_str()));
  return format && (format->flags & AV_PIX_FMT_FLAG_PAL);
}

ChromaShift chroma_shift(const std::string& pixel_format) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(av_get_pix_fmt(pixel_format.c_str()));
  if (!desc) throw InputError(fmt::format("libav does not know the pixel format '{}'", pixel_format));
  return shift_of(*desc);
}

std::string native_format(const std::string& pixel_format) {
  const AVPixelFormat format = av_get_pix_fmt(pixel_format.c_str());
  if (format == AV_PIX_FMT_NONE) return pixel_format;
  return av_get_pix_fmt_name(sws_format(format, AVCOL_RANGE_UNSPECIFIED).format);
}

EncoderSpec native_encoder(const EncoderSpec& spec, const std::string& pixel_format, const std::string& where) {
  EncoderSpec native = spec;
  native.pixel_format = native_format(pixel_format);
  if (const auto why = encoder_unavailable_reason(native); !why.empty())
    throw InputError(fmt::format("{}: pixel format native needs an encoder that takes the input's {} unconverted; encoder '{}' "
                                 "cannot ({})",
                                 where, pixel_format, spec.name, why));
  return native;
}

std::string pixel_format_change_refusal(const std::string& where, const std::string& change) {
  return fmt::format("{}: {}; --pixel-format native takes videos of one pixel format (bgr24 converts each frame)", where, change);
}

void copy_planes(const AVFrame& from, PlanarFrame& to, const std::string& where) {
  // Labelled as native_format names them: a yuvj420p decoder's planes are yuv420p's.
  const char* name = av_get_pix_fmt_name(sws_format(static_cast<AVPixelFormat>(from.format), AVCOL_RANGE_UNSPECIFIED).format);
  if (!name) throw Error(fmt::format("{}: decoded frame has no pixel format", where));
  if (to.format != name || to.width() != from.width || to.height() != from.height) {
    const auto shapes = native_planes(name, from.width, from.height, where);
    to.reshape(name, shapes);
  }
  for (std::size_t i = 0; i < to.planes.size(); ++i) {
    Frame& p = to.planes[i];
    av_image_copy_plane(p.row(0), static_cast<int>(p.stride()), from.data[i], from.linesize[i], static_cast<int>(p.view().row_bytes()),
                        p.height());
  }
}

std::vector<FrameView> plane_views(AVFrame& frame, const std::string& where) {
  const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame.format));
  if (!name) throw Error(fmt::format("{}: frame has no pixel format", where));
  const auto shapes = native_planes(name, frame.width, frame.height, where);
  std::vector<FrameView> views;
  for (std::size_t i = 0; i < shapes.size(); ++i)
    views.push_back({frame.data[i], shapes[i].width, shapes[i].height, frame.linesize[i], shapes[i].channels});
  return views;
}

void copy_planes(const PlanarFrame& from, AVFrame& to, const std::string& where) {
  const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(to.format));
  if (!name || from.format != name || from.width() != to.width || from.height() != to.height)
    throw Error(fmt::format("{}: a {} {}x{} frame given to an encoder of {} {}x{}", where, from.format, from.width(), from.height(),
                            name ? name : "?", to.width, to.height));
  for (std::size_t i = 0; i < from.planes.size(); ++i) {
    const Frame& p = from.planes[i];
    av_image_copy_plane(to.data[i], to.linesize[i], p.row(0), static_cast<int>(p.stride()), static_cast<int>(p.view().row_bytes()),
                        p.height());
  }
}

}  // namespace framebench::media
