#include "media/video_reader.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"

namespace framebench::media {

struct VideoReader::Impl {
  VideoInfo info;
  ReaderOptions options;
  InputContextPtr format;
  int stream = -1;
  CodecContextPtr decoder;
  PacketPtr packet = make_packet();
  FramePtr decoded = make_frame();
  bool holding = false;        // `decoded` holds the frame the next read() returns (after a seek)
  bool demux_done = false;     // the decoder has been sent its flush packet
  std::int64_t next_index = 0; // index of the frame read() returns next
  std::int64_t discarded = 0;
  ToBgr to_bgr;

  Impl(VideoInfo probed, ReaderOptions opts) : info(std::move(probed)), options(opts) {
    if (options.threads < 0) throw InputError(fmt::format("{}: decoder threads must be >= 0", info.path.string()));
    open_demuxer();
    const AVStream* st = format->streams[stream];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) throw InputError(fmt::format("{}: no decoder for '{}'", info.path.string(), avcodec_get_name(st->codecpar->codec_id)));
    decoder.reset(avcodec_alloc_context3(codec));
    if (!decoder) throw std::bad_alloc();
    check_av(avcodec_parameters_to_context(decoder.get(), st->codecpar), context("decoder parameters"));
    decoder->pkt_timebase = st->time_base;
    decoder->thread_count = options.threads;
    // One thread means no threading at all; otherwise let the codec use what it supports.
    decoder->thread_type = options.threads == 1 ? 0 : FF_THREAD_FRAME | FF_THREAD_SLICE;
    check_av(avcodec_open2(decoder.get(), codec, nullptr), context("cannot open the decoder"));
  }

  std::string context(std::string_view what) const { return fmt::format("{}: {}", info.path.string(), what); }

  // The presentation index of a timestamp, if it is in the probe's table.
  std::optional<std::int64_t> index_of(std::int64_t t) const {
    if (t == AV_NOPTS_VALUE) return std::nullopt;
    const auto it = std::lower_bound(info.frame_pts.begin(), info.frame_pts.end(), t);
    if (it == info.frame_pts.end() || *it != t) return std::nullopt;
    return it - info.frame_pts.begin();
  }

  // Reads the next packet of our stream into `packet`; false at the end of the file.
  bool read_packet() {
    for (;;) {
      const int rc = av_read_frame(format.get(), packet.get());
      if (rc == AVERROR_EOF) return false;
      check_av(rc, context("read"));
      if (packet->stream_index == stream) return true;
      av_packet_unref(packet.get());
    }
  }

  void send(const AVPacket* p) {
    const int rc = avcodec_send_packet(decoder.get(), p);
    if (rc < 0 && rc != AVERROR_EOF) check_av(rc, context("decode"));
  }

  // Decodes the next frame into `decoded`; false once the decoder is drained.
  bool decode_next() {
    for (;;) {
      const int rc = avcodec_receive_frame(decoder.get(), decoded.get());
      if (rc == 0) return true;
      if (rc == AVERROR_EOF) return false;
      if (rc != AVERROR(EAGAIN)) check_av(rc, context("decode"));
      // The decoder wants input: the next packet, or the flush packet at the end.
      if (demux_done) return false;
      if (read_packet()) {
        send(packet.get());
        av_packet_unref(packet.get());
      } else {
        demux_done = true;
        send(nullptr);
      }
    }
  }

  // Index of the frame in `decoded`; sequential reads fall back to counting for timestamps the
  // probe did not see (decoders may guess them).
  std::int64_t decoded_index(std::int64_t fallback) const {
    return index_of(decoded->best_effort_timestamp).value_or(fallback);
  }

  bool read(Frame& out) {
    if (!holding) {
      if (!decode_next()) {
        next_index = info.frame_count;
        return false;
      }
      next_index = decoded_index(next_index);
    }
    holding = false;
    to_bgr.convert(*decoded, out);
    av_frame_unref(decoded.get());
    ++next_index;
    return true;
  }

  // Decodes forward to `target`, discarding earlier frames, and holds it. False if the stream
  // passed `target` without showing it (the demuxer started too late).
  bool decode_forward_to(std::int64_t target) {
    while (decode_next()) {
      const auto index = index_of(decoded->best_effort_timestamp);
      if (!index) throw Error(context(fmt::format("decoded a frame with timestamp {} that the probe did not see; cannot seek exactly",
                                                  decoded->best_effort_timestamp)));
      if (*index == target) {
        holding = true;
        next_index = target;
        return true;
      }
      av_frame_unref(decoded.get());
      if (*index > target) return false;
      ++discarded;
    }
    return false;
  }

  void restart_decoder() {
    avcodec_flush_buffers(decoder.get());
    av_frame_unref(decoded.get());
    holding = false;
    demux_done = false;
  }

  // Seeks the demuxer to keyframe `keyframe` and checks it landed on a keyframe packet at or
  // before `target`; the packet is sent to the decoder.
  bool seek_to_keyframe(std::int64_t keyframe, std::int64_t target) {
    const std::int64_t ts = info.frame_pts[static_cast<std::size_t>(keyframe)];
    if (av_seek_frame(format.get(), stream, ts, AVSEEK_FLAG_BACKWARD) < 0) return false;
    restart_decoder();
    if (!read_packet()) return false;
    const auto landed = index_of(packet_time(packet.get()));
    const bool ok = (packet->flags & AV_PKT_FLAG_KEY) && landed && *landed <= target;
    if (ok) send(packet.get());
    av_packet_unref(packet.get());
    return ok;
  }

  // Back to the very start of the stream, where decoding is always valid: reopening is the one
  // way to get there that every demuxer supports.
  void rewind() {
    open_demuxer();
    restart_decoder();
  }

  void open_demuxer() {
    format = open_input(info.path);
    stream = first_video_stream(format.get());
    if (stream < 0) throw InputError(fmt::format("{}: no video stream", info.path.string()));
    // Only our stream's packets are wanted; the demuxer can skip the rest.
    for (unsigned i = 0; i < format->nb_streams; ++i)
      if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
  }

  void seek(std::int64_t target) {
    if (target < 0 || target >= info.frame_count)
      throw Error(context(fmt::format("cannot seek to frame {}: it has frames 0 to {}", target, info.frame_count - 1)));
    if (target == next_index) return;
    const std::int64_t keyframe = info.keyframe_at_or_before(target);
    // Decoding on from here is cheaper than a seek when no keyframe lies between.
    if (target > next_index && keyframe <= next_index) {
      if (holding) {  // the held frame is one of those skipped
        av_frame_unref(decoded.get());
        holding = false;
        ++discarded;
      }
      if (decode_forward_to(target)) return;
    }
    // Demuxers index keyframes by their own rules (mp4 by dts, mpegts by search), so a seek that
    // lands late is retried from the keyframe before, and at last from the start of the stream.
    auto k = std::upper_bound(info.keyframes.begin(), info.keyframes.end(), keyframe);
    while (k != info.keyframes.begin()) {
      --k;
      if (seek_to_keyframe(*k, target) && decode_forward_to(target)) return;
    }
    rewind();
    if (!decode_forward_to(target)) throw Error(context(fmt::format("frame {} not found when decoding from the start", target)));
  }
};

VideoReader::VideoReader(const std::filesystem::path& path, ReaderOptions options)
    : VideoReader(probe(path), options) {}
VideoReader::VideoReader(VideoInfo info, ReaderOptions options) : impl_(std::make_unique<Impl>(std::move(info), options)) {}
VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const { return impl_->info; }
bool VideoReader::read(Frame& frame) { return impl_->read(frame); }
void VideoReader::seek(std::int64_t frame_index) { impl_->seek(frame_index); }
std::int64_t VideoReader::position() const { return impl_->next_index; }
std::int64_t VideoReader::frames_discarded() const { return impl_->discarded; }

}  // namespace framebench::media
