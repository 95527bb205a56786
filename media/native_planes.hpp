#pragma once
// The native pixel path's frames: a decoder's own planes, copied as they are (no colour
// conversion), and the encoder that takes them back unconverted.
#include <string>
#include <vector>

#include "core/planar_frame.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"

struct AVFrame;

namespace framebench::media {

// The planes of `pixel_format` at width x height: 8-bit samples, each plane's components
// interleaved without gaps (yuv420p, yuv444p, nv12, gray, gbrp, ...), chroma planes at their own
// subsampled size. Throws InputError "<where>: ..." for formats that are not (10-bit, paletted,
// packed 4:2:2, ...), since their samples cannot go through an 8-bit kernel as they are.
std::vector<PlaneShape> native_planes(const std::string& pixel_format, int width, int height, const std::string& where);

// How much smaller `pixel_format`'s chroma planes are than its luma, as powers of two (yuv420p: 1
// and 1; yuv444p, gray and RGB: 0 and 0). Throws InputError for a format libav does not know.
struct ChromaShift {
  int log2_width = 0;
  int log2_height = 0;

  // Whether width x height ends on whole chroma samples (a 175x97 yuv420p frame does not).
  bool whole_samples(int width, int height) const {
    return width % (1 << log2_width) == 0 && height % (1 << log2_height) == 0;
  }
};
ChromaShift chroma_shift(const std::string& pixel_format);
// Whether frames of `pixel_format` are indices into a palette (pal8), which only a stream's first
// packet carries.
bool is_paletted(const std::string& pixel_format);

// The native path's name for `pixel_format`'s planes: libav's deprecated full-range aliases
// (yuvj420p, yuvj422p, ...) as their plain format (yuv420p, ...), whose range the colour tags
// carry (probe sets it), so that the same planes are one layout however an input spells them;
// other formats as they are. FFV1 and MPEG-4 take only the plain spelling, and x264 and MJPEG,
// given it tagged full range, write what decodes as the alias (found 6 December 2026 by a
// hostile-input sweep: a full-range input was refused or taken depending on its spelling).
std::string native_format(const std::string& pixel_format);

// `spec` made to take the input's own planes (native_format), so that nothing converts before
// encoding. Throws InputError "<where>: ..." when that encoder cannot take them.
EncoderSpec native_encoder(const EncoderSpec& spec, const std::string& pixel_format, const std::string& where);

// Why the native path refuses a video whose pixel format changes part way, in one line: `where`
// names the input, `change` where and how ("frame 25 is yuv444p, but the video starts as yuv420p").
std::string pixel_format_change_refusal(const std::string& where, const std::string& change);

// Internal to media/: the copies between libav's frames and ours, plane by plane, and views of
// libav's frames' planes where no copy is needed.
void copy_planes(const AVFrame& from, PlanarFrame& to, const std::string& where);
void copy_planes(const PlanarFrame& from, AVFrame& to, const std::string& where);
std::vector<FrameView> plane_views(AVFrame& frame, const std::string& where);

}  // namespace framebench::media
