#include "media/leading_frames.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/libav.hpp"

namespace framebench::media {

namespace {

// How many of its first `packets` packets a decoder started at the stream's beginning gives no
// whole frame for (one frame a packet, as the probe counts them). Counted rather than timed: a
// frame's time from the decoder is not always the probe's (MPEG-PS, whose times the probe makes up
// as genpts does). Its decoder is the reader's, so that a frame made without its references comes
// out, flagged, as it would to a strategy.
std::int64_t frames_not_decoded(const VideoInfo& info, std::int64_t packets) {
  const auto format = open_input(info.path);
  const CodecContextPtr decoder = open_counting_decoder(*format->streams[info.stream_index], 1, info.path);
  const PacketPtr packet = make_packet();
  const FramePtr frame = make_frame();
  std::int64_t sent = 0, whole = 0;
  const auto receive = [&] {
    while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) {
      whole += !frame_is_damaged(*frame);
      av_frame_unref(frame.get());
    }
  };
  while (sent < packets && av_read_frame(format.get(), packet.get()) >= 0) {
    // Packets an edit list hides are decoded too (the decoder drops their frames): they may be
    // the keyframe itself, cut from a moment after it (found 7 December 2026 by a sweep of codecs:
    // `ffmpeg -ss 1.3 -i open-gop.mp4 -c copy cut.mp4` was refused, though every frame decodes).
    if (packet->stream_index == info.stream_index && packet->size > 0) {
      sent += !(packet->flags & AV_PKT_FLAG_DISCARD);
      if (avcodec_send_packet(decoder.get(), packet.get()) < 0) return std::max<std::int64_t>(sent - whole, 1);
      receive();
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(decoder.get(), nullptr);
  receive();
  return std::max<std::int64_t>(sent - whole, 0);
}

}  // namespace

std::string leading_frames_refusal(const VideoInfo& info) {
  // Frames that refer to pictures before the keyframe are reordered ones: shown before it, or,
  // where a stream copy gave them times at or just after its own (MPEG-2 into Matroska or MPEG-PS,
  // found 7 December 2026 by a sweep of codecs: "150 of the input's 152 frames were written"),
  // after it, out of decode order.
  // AVI times frames by their decode order alone: its reordering is the decoder's delay.
  const bool reordered = info.has_b_frames || info.decoder_time_lead > 0;
  if (info.keyframe_is_clean(0) || (info.shown_before_first_packet == 0 && !reordered)) return {};
  // A closed GOP's leading frames refer only to the keyframe and decode: the decoder says which.
  // The first GOP, up to the next keyframe, refers to nothing after it.
  const std::int64_t first_gop = info.keyframes.size() > 1 ? info.keyframes[1] : std::min<std::int64_t>(info.frame_count, 300);
  const std::int64_t missing = frames_not_decoded(info, first_gop);
  if (missing == 0) return {};
  if (info.shown_before_first_packet > 0)
    return fmt::format("{}: its video stream starts at an open-GOP keyframe, and the {} frame(s) shown before it refer to pictures "
                       "before where the stream was cut, so they cannot be decoded; remux it into MP4 (ffmpeg -i IN -c copy OUT.mp4, "
                       "whose edit list leaves them out), cut it at a closed-GOP keyframe, or re-encode it",
                       info.path.string(), info.shown_before_first_packet);
  // Timed after the keyframe, they stay in a remux (into MP4 too): only a cut or an encode helps.
  return fmt::format("{}: its video stream starts at an open-GOP keyframe, and {} frame(s) of its first GOP refer to pictures before "
                     "where the stream was cut, so they cannot be decoded (timed after the keyframe, they stay in a remux); cut it at a "
                     "closed-GOP keyframe, or re-encode it",
                     info.path.string(), missing);
}

}  // namespace framebench::media
