#pragma once
// What a job's output is written with: the encoder for its pixel path, and the colour tags that
// go with what that encoder is given.
#include "core/pixel_path.hpp"
#include "media/encoder.hpp"
#include "media/presentation.hpp"
#include "media/probe.hpp"

namespace framebench::media {

// The encoder a job writes with: `spec` itself on the BGR24 path, native_encoder (the input's own
// planes, unconverted) on the native one.
EncoderSpec encoder_for_path(const EncoderSpec& spec, PixelPath path, const VideoInfo& input);

// The colour tags a job's output carries, written by `written` (encoder_for_path's): the input's
// on the native path, and on the BGR24 path the input's primaries and transfer with the matrix and
// range the conversion from BGR24 writes (Presentation::for_output).
Presentation output_presentation(const VideoInfo& input, PixelPath path, const EncoderSpec& written);

}  // namespace framebench::media
