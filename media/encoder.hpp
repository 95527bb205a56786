#pragma once
// Named encoder settings, the `encoder` axis of an experiment.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace framebench::media {

struct EncoderSpec {
  std::string name;         // the user-facing name, e.g. "x264-ultrafast"
  std::string codec;        // libavcodec encoder, e.g. "libx264"
  std::string pixel_format; // the encoder's input format, e.g. "yuv420p"
  std::string description;
  bool lossless = false;    // decoded output equals the BGR24 frames given (verify exactly)
  // Private options set on the encoder, e.g. {"preset", "ultrafast"}, {"crf", "23"}.
  std::vector<std::pair<std::string, std::string>> options;
  // The smallest width and height the encoder opens with: libx265's ultrafast preset codes in
  // units of at least 16 pixels (min-cu-size 16) and refuses smaller pictures.
  int smallest_side = 1;
  // Whether subsampled chroma must come in whole samples (an even 4:2:0 width and height): libx264
  // and libx265 refuse 175x97 yuv420p, where FFV1, MPEG-4 and MJPEG code the last column and row.
  bool whole_chroma_only = false;
  // Whether it codes frames out of display order (B-frames): x264's medium preset and x265's
  // ultrafast do, so their packets' decode times are not their frames' times.
  bool reorders = false;
  // Equivalent ffmpeg CLI arguments (after -c:v CODEC), for peers that run the CLI.
  std::vector<std::string> cli_args() const;
};

// avcodec_open2 refused the encoder for the frames it was set up for (MJPEG and limited-range
// yuv420p): the settings' fault, not the disk's or the machine's.
class EncoderRefused : public Error {
 public:
  using Error::Error;
};

// Known encoders: x264-ultrafast, x264-medium, x264rgb-lossless, x265-ultrafast, ffv1, mjpeg,
// mpeg4. Throws InputError naming the encoder if unknown.
const EncoderSpec& encoder(const std::string& name);
const std::vector<EncoderSpec>& encoders();
// Empty if libavcodec here has the encoder, else why not.
std::string encoder_unavailable_reason(const EncoderSpec& spec);

// `spec` as it is opened for width x height frames, by libavcodec or the ffmpeg CLI: FFmpeg 5.1's
// FFV1 version 3 slices refuse (libavcodec: "Function not implemented") or silently corrupt (the
// CLI: an all-zero 2x2 output) frames with a plane under 3 pixels each way, so those are coded as
// version 1 (found 5 December 2026 by a hostile-input sweep: 3x3 yuv420p, whose chroma is 2x2).
EncoderSpec for_frame_size(const EncoderSpec& spec, int width, int height);

// Empty when the encoder can take width x height frames; otherwise why not (chroma subsampling
// needs sizes divisible by 2 for yuv420p, say; x265 needs 16 pixels each way).
std::string encoder_size_problem(const EncoderSpec& spec, int width, int height);

}  // namespace framebench::media
