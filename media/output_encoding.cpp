#include "media/output_encoding.hpp"

#include "media/native_planes.hpp"

namespace framebench::media {

EncoderSpec encoder_for_path(const EncoderSpec& spec, PixelPath path, const VideoInfo& input) {
  if (path == PixelPath::bgr24) return spec;
  return native_encoder(spec, input.pixel_format, input.path.string());
}

Presentation output_presentation(const VideoInfo& input, PixelPath path, const EncoderSpec& written) {
  return input.presentation.for_output(path == PixelPath::native, written.pixel_format);
}

}  // namespace framebench::media
