#include "media/video_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "media/native_planes.hpp"

namespace framebench::media {

struct VideoReader::Impl {
  std::shared_ptr<const VideoInfo> shared_info;
  const VideoInfo& info;
  ReaderOptions options;
  InputContextPtr format;
  int stream = -1;
  CodecContextPtr decoder;
  PacketPtr packet = make_packet();
  FramePtr decoded = make_frame();
  bool holding = false;        // `decoded` holds the frame the next read() returns (after a seek)
  bool demux_done = false;     // the decoder has been sent its flush packet
  std::int64_t next_index = 0; // index of the frame read() returns next (or held in `decoded`)
  std::int64_t next_packet = 0;  // decode-order index of the next counted packet sent
  std::int64_t discarded = 0;
  std::int64_t packets_read = 0;
  bool anchored = false;       // next_index was found by an anchor since the last restart
  int video_format = -1;       // a decoded format found to be the video's own (native path), not named again each frame
  ToBgr to_bgr;

  Impl(std::shared_ptr<const VideoInfo> probed, ReaderOptions opts) : shared_info(std::move(probed)), info(*shared_info), options(opts) {
    if (options.threads < 0) throw InputError(fmt::format("{}: decoder threads must be >= 0", info.path.string()));
    open_demuxer();
    decoder = open_counting_decoder(*format->streams[stream], options.threads, info.path);
  }

  std::string context(std::string_view what) const { return fmt::format("{}: {}", info.path.string(), what); }

  // Reads the next packet of our stream into `packet`; false at the end of the file.
  bool read_packet() {
    for (;;) {
      const int rc = av_read_frame(format.get(), packet.get());
      if (rc == AVERROR_EOF) return false;
      check_av(rc, context("read"));
      if (packet->stream_index == stream) return ++packets_read, true;
      av_packet_unref(packet.get());
    }
  }

  // Sends `packet` tagged with its place in decode order, as the probe counted packets: the
  // decoder hands the tag back on the frame made from it, whatever the reordering.
  void send_packet() {
    const bool counted = packet->size > 0 && !(packet->flags & AV_PKT_FLAG_DISCARD);
    decoder->reordered_opaque = counted ? next_packet++ : -1;
    send(packet.get());
    av_packet_unref(packet.get());
  }

  void send(const AVPacket* p) {
    const int rc = avcodec_send_packet(decoder.get(), p);
    if (rc < 0 && rc != AVERROR_EOF) check_av(rc, context(fmt::format("decoding near frame {} (damaged input)", next_index)));
  }

  // Decodes the next frame into `decoded`; false once the decoder is drained.
  bool decode_next() {
    for (;;) {
      const int rc = avcodec_receive_frame(decoder.get(), decoded.get());
      if (rc == 0) return true;
      if (rc == AVERROR_EOF) return false;
      if (rc != AVERROR(EAGAIN)) check_av(rc, context(fmt::format("decoding near frame {} (damaged input)", next_index)));
      // The decoder wants input: the next packet, or the flush packet at the end.
      if (demux_done) return false;
      if (read_packet()) {
        send_packet();
      } else {
        demux_done = true;
        send(nullptr);
      }
    }
  }

  template <typename Convert>
  bool read(Convert&& convert) {
    if (!holding && !decode_next()) {
      next_index = info.frame_count;
      return false;
    }
    holding = false;
    // Damaged input fails the job rather than reaching an output concealed (docs/RELIABILITY.md).
    if (damaged()) throw InputError(context(fmt::format("frame {} is damaged: the decoder had to conceal errors in it", next_index)));
    // One frame size a video: a stream that changes it part way is bad input, said as such (found
    // 6 December 2026 by a correctness sweep: "frame is 160x120, expected 320x240", exit 1).
    if (decoded->width != info.width || decoded->height != info.height)
      throw InputError(frame_size_change_refusal(info, fmt::format("frame {} is {}x{}", next_index, decoded->width, decoded->height)));
    // Nor a pixel format, on the native path, whose planes the filter and the encoder were set up
    // for (found 7 December 2026 by a sweep of stream layouts: yuv420p then yuv444p failed every
    // strategy with "PlanarFilter: plane 1 is 320x240x1 in, 160x120x1 out", exit 1).
    if (options.pixels == PixelPath::native && decoded->format != video_format) {
      const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(decoded->format));
      if (const std::string now = native_format(name ? name : "none"), first = native_format(info.pixel_format); now != first)
        throw InputError(pixel_format_change_refusal(
            info.path.string(), fmt::format("frame {} is {}, but the video starts as {}", next_index, now, first)));
      video_format = decoded->format;
    }
    convert(*decoded);
    av_frame_unref(decoded.get());
    ++next_index;
    return true;
  }

  bool read(Frame& out) {
    return read([&](const AVFrame& f) { to_bgr.convert(f, out); });
  }

  bool read(NativeFrame& out) {
    return read([&](AVFrame& f) {
      // Refuses formats the kernels cannot take, naming the file.
      if (options.pixels == PixelPath::native) plane_views(f, info.path.string());
      av_frame_unref(&out.av());
      av_frame_move_ref(&out.av(), &f);
    });
  }

  bool read(PlanarFrame& out) {
    if (options.pixels == PixelPath::native) return read([&](const AVFrame& f) { copy_planes(f, out, info.path.string()); });
    return read([&](const AVFrame& f) { to_bgr.convert(f, out); });
  }

  // A frame the decoder flags: made without all it refers to (a restart that was not clean), or
  // with errors it concealed (damaged input).
  bool damaged() const { return frame_is_damaged(*decoded); }

  // Decodes forward from frame `next_index` to `target`, discarding earlier frames, and holds
  // it. False if the stream ended first, or if `clean` is asked and the frame is damaged.
  bool decode_forward_to(std::int64_t target, bool clean) {
    while (decode_next()) {
      if (next_index == target) {
        holding = !(clean && damaged());
        if (!holding) av_frame_unref(decoded.get());
        return holding;
      }
      av_frame_unref(decoded.get());
      ++next_index;
      ++discarded;
    }
    return false;
  }

  // After a restart before keyframe `anchor`: discards frames until the first one made from a
  // packet at or after the anchor's, which is frame `anchor` (frames of earlier packets are all
  // shown before those of later ones, and the restart's pre-roll lets the anchor's leading
  // frames decode). Decoders may drop the frames before the anchor that lack their references,
  // so counting from the restart itself would misnumber them.
  bool decode_to_anchor(std::int64_t anchor) {
    while (decode_next()) {
      if (decoded->reordered_opaque >= anchor) {
        holding = true;
        next_index = anchor;
        anchored = true;
        return true;
      }
      av_frame_unref(decoded.get());
      ++discarded;
    }
    return false;
  }

  void restart_decoder() {
    avcodec_flush_buffers(decoder.get());
    av_frame_unref(decoded.get());
    holding = false;
    anchored = false;
    demux_done = false;
  }

  // Back to the very start of the stream, where decoding is always valid: reopening is the one
  // way to get there that every demuxer supports.
  void rewind() {
    open_demuxer();
    restart_decoder();
    next_index = 0;
    next_packet = 0;
  }

  // Reads packets until the one at byte `pos` (of `bytes` bytes where known), which is sent to
  // the decoder; false if the demuxer passed it. The size tells the keyframe from the tail of the
  // frame before, which an MPEG-PS demuxer out of step after a seek gives the same position:
  // counted as the keyframe, every later frame was misnumbered (VideoInfo::seek_times_for).
  bool send_from_packet_at(std::int64_t pos, std::int64_t bytes) {
    while (read_packet()) {
      if (packet->pos == pos && (bytes < 0 || packet->size == bytes)) {
        send_packet();
        return true;
      }
      const bool passed = packet->pos > pos;
      av_packet_unref(packet.get());
      if (passed) return false;
    }
    return false;
  }

  // Restarts decoding at keyframe `k` (an index into info.keyframes), found by its packet's byte
  // position: by a seek near its timestamp when that lands at or before it, otherwise by reading
  // packets from the start (AVI without an index). False when it cannot be found.
  bool restart_at_keyframe(std::size_t k) {
    if (k == 0) {
      rewind();
      return true;
    }
    const std::int64_t pos = info.keyframe_pos[k];
    if (pos < 0) return false;
    restart_decoder();
    next_packet = info.keyframes[k];
    const std::int64_t bytes = info.keyframe_bytes(k);
    for (const std::int64_t ts : info.seek_times_for(k))
      if (av_seek_frame(format.get(), stream, ts, AVSEEK_FLAG_BACKWARD) >= 0 && send_from_packet_at(pos, bytes)) return true;
    open_demuxer();
    restart_decoder();
    return send_from_packet_at(pos, bytes);
  }

  // Frame `target` from a restart with keyframe k as the anchor: at k - 1, or at k itself where
  // it is clean (or from the start of the stream for k == 0), undamaged.
  bool restart_for(std::size_t k, std::int64_t target) {
    if (k == 0 && !options.starts_mid_stream) return restart_at_keyframe(0) && decode_forward_to(target, false);
    // A stretch's first packet is a restart like any other: only a clean one may be counted from.
    if (k == 0 && !info.keyframe_is_clean(0)) return false;
    if (!restart_at_keyframe(info.restart_keyframe(k)) || !decode_to_anchor(info.keyframes[k])) return false;
    if (target == next_index) {
      if (!damaged()) return true;
      av_frame_unref(decoded.get());
      holding = false;
      return false;
    }
    av_frame_unref(decoded.get());
    holding = false;
    ++next_index;
    ++discarded;
    return decode_forward_to(target, true);
  }

  void open_demuxer() {
    format = open_input(info.path);
    stream = first_video_stream(format.get());
    if (stream < 0) throw InputError(fmt::format("{}: no video stream", info.path.string()));
    // Only our stream's packets are wanted; the demuxer can skip the rest.
    for (unsigned i = 0; i < format->nb_streams; ++i)
      if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
  }

  // Frames are known by their place in the decoder's output from the start of the stream, never
  // by container timestamps or keyframe flags: a restart counts only once the decoder shows it
  // has restarted (see decode_to_anchor), and a damaged frame sends it one keyframe further back.
  void seek(std::int64_t target) {
    if (target < 0 || target >= info.frame_count)
      throw Error(context(fmt::format("cannot seek to frame {}: it has frames 0 to {}", target, info.frame_count - 1)));
    const bool counted = !options.starts_mid_stream || anchored;
    if (target == next_index && counted) return;
    const auto after = std::upper_bound(info.keyframes.begin(), info.keyframes.end(), target);
    const auto k = static_cast<std::size_t>(std::distance(info.keyframes.begin(), after)) - 1;
    // Decoding on from here is cheaper than a restart when the restart would come from before.
    const std::int64_t restart_from = info.keyframes[info.restart_keyframe(k)];
    if (target > next_index && restart_from <= next_index && counted) {
      if (holding) {  // the held frame is one of those skipped
        av_frame_unref(decoded.get());
        holding = false;
        ++next_index;
        ++discarded;
      }
      if (decode_forward_to(target, false)) return;
    }
    for (std::size_t i = k + 1; i-- > 0;)
      if (restart_for(i, target)) return;
    throw Error(context(fmt::format("frame {} not found when decoding from the start", target)));
  }
};

VideoReader::VideoReader(const std::filesystem::path& path, ReaderOptions options)
    : VideoReader(probe(path), options) {}
VideoReader::VideoReader(VideoInfo info, ReaderOptions options)
    : VideoReader(std::make_shared<const VideoInfo>(std::move(info)), options) {}
VideoReader::VideoReader(std::shared_ptr<const VideoInfo> info, ReaderOptions options)
    : impl_(std::make_unique<Impl>(std::move(info), options)) {}
VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const { return impl_->info; }
bool VideoReader::read(Frame& frame) { return impl_->read(frame); }
bool VideoReader::read(PlanarFrame& frame) { return impl_->read(frame); }
bool VideoReader::read(NativeFrame& frame) { return impl_->read(frame); }
void VideoReader::seek(std::int64_t frame_index) { impl_->seek(frame_index); }
std::int64_t VideoReader::position() const { return impl_->next_index; }
std::int64_t VideoReader::frames_discarded() const { return impl_->discarded; }
std::int64_t VideoReader::packets_read() const { return impl_->packets_read; }

}  // namespace framebench::media
