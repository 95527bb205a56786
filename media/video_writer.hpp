#pragma once
// Encodes packed BGR24 frames (or frames in the encoder's own pixel format) to a file. The container follows the extension (.mp4 .mkv .avi
// .ts .nut); timestamps are frame_index in a 1/frame_rate time base, or the input's own where
// `times` holds them (variable frame rate), so the output has the input's frame times.
#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/frame.hpp"
#include "core/planar_frame.hpp"
#include "media/encoder.hpp"
#include "media/frame_times.hpp"
#include "media/native_frame.hpp"
#include "media/presentation.hpp"
#include "media/rational.hpp"

namespace framebench::media {

struct WriterOptions {
  int width = 0;
  int height = 0;
  Rational frame_rate{25, 1};
  int threads = 1;           // encoder threads (x264 frame threads and friends)
  // Index given to the first frame written; segment workers start at their segment's first
  // frame so that parts concatenate with continuous timestamps.
  std::int64_t first_frame_index = 0;
  // Keyframe interval in frames; 0 keeps the encoder's default. When set, keyframes fall exactly
  // every gop_size frames (x264/x265 scene-cut keyframes are turned off), so positions are fixed.
  int gop_size = 0;
  // A variable-rate input's frame times (FrameTimes::of); frame n is stamped times.pts[n].
  FrameTimes times{};
  // The input's, as the output keeps it (Presentation::for_output).
  Presentation presentation{};
};

class VideoWriter {
 public:
  // Throws InputError if the encoder or container is unknown, Error if the file cannot be made.
  VideoWriter(const std::filesystem::path& path, const EncoderSpec& encoder, WriterOptions options);
  // A writer not finished is aborted: the partial file is removed.
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  void write(ConstFrameView frame);
  // In the encoder's own pixel format (copied in unconverted), or BGR24.
  void write(const PlanarFrame& frame);
  // The native pixel path without write's copy: planes of `frame` to fill in place, then
  // write(frame) (FrameEncoder's frame_to_fill; it may run while write runs on another thread).
  std::vector<FrameView> frame_to_fill(NativeFrame& frame) const;
  void ready_to_fill(NativeFrame& frame) const;  // the same without views (FrameEncoder's)
  void write(NativeFrame& frame);
  // Flushes the encoder and writes the trailer. Must be called for a complete file.
  void finish();
  std::int64_t frames_written() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
