#pragma once
// Decodes a video file's first video stream to packed BGR24 frames (or, on the native pixel
// path, to its own planes, unconverted) in presentation order,
// with exact seeking: seek(i) restarts the decoder at a keyframe before frame i and decodes forward.
// A frame's index is its place in a decode from the start, found without trusting timestamps.
#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "media/native_frame.hpp"
#include "media/probe.hpp"

namespace framebench::media {

struct ReaderOptions {
  int threads = 1;  // decoder threads; 0 lets libavcodec choose (never used by fair strategies)
  PixelPath pixels = PixelPath::bgr24;  // what read(PlanarFrame&) gives: one BGR24 plane, or the decoder's planes
  // The file is a stretch of a longer stream cut at a keyframe (media::copy_packets): its start
  // is a restart like any other, where a decoder may drop frames (open GOPs), so frames are
  // numbered from a later keyframe's anchor, or from its first packet where that is a clean
  // keyframe (VideoInfo::keyframe_clean), never by counting from the start. Only seek() may
  // position such a reader, to a frame at or after its second keyframe (its first, if clean).
  bool starts_mid_stream = false;
};

class VideoReader {
 public:
  // Probes the file (exact frame table) then opens the decoder. Throws InputError on bad input.
  explicit VideoReader(const std::filesystem::path& path, ReaderOptions options = {});
  // Reuses a probe already made, to skip the packet scan.
  VideoReader(VideoInfo info, ReaderOptions options = {});
  // The same, sharing one probe among readers: its per-frame tables grow with the input's length,
  // and a strategy opening a reader per chunk would otherwise hold a copy per reader.
  VideoReader(std::shared_ptr<const VideoInfo> info, ReaderOptions options = {});
  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  const VideoInfo& info() const;

  // Decodes the next frame into `frame` (resized as needed). Returns false after the last frame.
  bool read(Frame& frame);
  // The same, as the reader's pixel path asks: BGR24 as one plane of three channels, or the
  // decoder's own planes copied as they are (InputError for formats native_planes refuses).
  bool read(PlanarFrame& frame);
  // The decoder's frame itself, handed over by reference (no copy), to be held as long as the
  // caller likes (several at once, on other threads). On the native path its planes are checked
  // for what the kernels take, as read() checks them; on the BGR24 path it is for NativeToBgr,
  // which takes any format. False at the end.
  bool read(NativeFrame& frame);
  // Positions the reader so the next read() returns frame `frame_index` (0-based).
  void seek(std::int64_t frame_index);
  // Index of the frame the next read() returns.
  std::int64_t position() const;
  // Frames decoded and thrown away by seeks since opening (the cost of exact splits).
  std::int64_t frames_discarded() const;
  // Packets of the stream demuxed since opening: a seek that finds its keyframe adds about a GOP's,
  // one that reads the file again from its start adds everything before it.
  std::int64_t packets_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace framebench::media
