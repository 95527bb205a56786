#include "media/probe.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "media/av_error.hpp"
#include "media/clean_keyframe.hpp"
#include "media/keyframe_picture.hpp"
#include "media/keyframe_shape.hpp"
#include "media/packed_pictures.hpp"
#include "media/libav.hpp"
#include "media/matroska_extent.hpp"
#include "media/native_planes.hpp"
#include "media/timeline_order.hpp"

namespace framebench::media {

std::int64_t VideoInfo::keyframe_at_or_before(std::int64_t frame_index) const {
  const auto it = std::upper_bound(keyframes.begin(), keyframes.end(), frame_index);
  return it == keyframes.begin() ? 0 : *std::prev(it);
}

std::int64_t VideoInfo::restart_frame(std::int64_t frame_index) const {
  const auto it = std::upper_bound(keyframes.begin(), keyframes.end(), frame_index);
  if (it == keyframes.begin()) return 0;
  return keyframes[restart_keyframe(static_cast<std::size_t>(std::distance(keyframes.begin(), it) - 1))];
}

namespace {

// A colour tag as the file gives it, or `unspecified` where it is none of libavutil's values: a
// damaged file can hold any number there (found by fuzzing: colour space 142, which even loading
// as the enum is undefined behaviour), and the tag then means nothing.
template <typename Enum>
int tag_value(const Enum& tag, int values, Enum unspecified) {
  int v = 0;
  static_assert(sizeof(Enum) == sizeof(int));
  std::memcpy(&v, &tag, sizeof v);
  return v >= 0 && v < values ? v : static_cast<int>(unspecified);
}

}  // namespace

std::vector<std::int64_t> VideoInfo::seek_times_for(std::size_t k) const {
  std::vector<std::int64_t> times;
  for (const std::size_t from : {k, k - 1})
    if (keyframe_seek_ts[from] != AV_NOPTS_VALUE) times.push_back(keyframe_seek_ts[from]);
  return times;
}

// Packets of an MPEG-4 Part 2 stream looked into for packed B-frames.
constexpr std::size_t kPackedPicturesLook = 256;

VideoInfo probe(const std::filesystem::path& path) {
  const auto format = open_input(path);
  // MPEG-PS stores a pts in some PES headers only, and a reference frame's dts is not when it is
  // shown: there a packet without a pts is timed by the dts of the next that is not a B-frame, as
  // libavformat's genpts does (found 6 December 2026 by a correctness sweep: a .mpg's frames were
  // timed by their dts, two at 0.600 s and none at 0.840 s, and outputs written so verified). Not
  // elsewhere: an AVI of B-frames at a variable rate, whose frames the dts alone place, came out
  // shifted by it.
  if (std::string_view(format->iformat->name) == "mpeg") format->flags |= AVFMT_FLAG_GENPTS;
  return probe_input(format.get(), path, nullptr);
}

namespace {

// Why a packet without a time is refused. A raw H.264 or HEVC stream (its demuxer named for its
// codec) stores no times at all, and the ffmpeg CLI's stream copy cannot time one with B-frames
// either (found 7 December 2026: two frames dropped into .mp4, nothing written to .mkv or .ts), so
// re-encoding is the way in that works.
// `in_open_first_gop`: the packet follows a first keyframe that is not a clean restart, before any
// other keyframe, where a stream copy from a moment after an open-GOP keyframe leaves the leading
// frames it cannot time (found 7 December 2026 by a sweep of codecs: H.264 and HEVC of open GOPs
// cut into Matroska, whose leading frames the ffmpeg CLI decodes without their references).
std::string no_timestamp_refusal(const VideoInfo& info, std::int64_t packet, bool in_open_first_gop = false) {
  const std::string why = info.container == info.codec
                              ? fmt::format("; a raw {} stream stores none: write it into a container losslessly first, e.g. "
                                            "`ffmpeg -i {} -c:v libx264 -qp 0 out.mkv`",
                                            info.codec, info.path.string())
                          : in_open_first_gop
                              ? "; it follows the stream's first keyframe, an open-GOP one, as the leading frames of a stream copied "
                                "from a moment after a keyframe do, which refer to pictures before the cut: cut it at a closed-GOP "
                                "keyframe, or re-encode it"
                              : std::string();
  return fmt::format("{}: packet {} has no timestamp, so frames cannot be timed{}", info.path.string(), packet, why);
}

}  // namespace

std::string frame_size_change_refusal(const VideoInfo& info, const std::string& change) {
  return fmt::format("{}: {}, but the video starts at {}x{}; framebench takes videos of one frame size", info.path.string(), change,
                     info.width, info.height);
}

VideoInfo probe_written(const std::filesystem::path& path) {
  try {
    return probe(path);
  } catch (const InputError& e) {
    throw Error(fmt::format("the output cannot be read back: {}", e.what()));
  }
}

std::string dropped_streams_warning(const VideoInfo& info, const std::filesystem::path& output) {
  if (info.other_streams.empty()) return {};
  const std::string which = info.other_video_streams > 0 ? fmt::format(", from its first video stream that is not cover art, #{} ({}, {}x{})",
                                                        info.stream_index, info.codec, info.width, info.height)
                                          : std::string();
  return fmt::format("{} also holds {}; {} will hold the filtered video alone{} (framebench carries no other stream)",
                     info.path.string(), fmt::join(info.other_streams, ", "), output.string(), which);
}

namespace {

// Formats whose timestamps may jump (MPEG-TS, MPEG-PS, FLV: a recording spliced, a clock reset)
// flag it, and the ffmpeg CLI closes a jump forward of more than 10 s between packets up, where
// framebench keeps the input's times: such an input is refused, not written with the gap (found 7
// December 2026 by a sweep of timing: a 3-hour jump in an MPEG-TS came out of single-core as a
// 3-hour output, and failed ffmpeg-filter's check, whose CLI had closed it).
void check_no_discontinuity(const VideoInfo& info, double time_base_s) {
  constexpr double kJumpS = 10;  // the CLI's -dts_delta_threshold
  for (std::size_t i = 1; i < info.frame_pts.size(); ++i) {
    const double gap_s = static_cast<double>(info.frame_pts[i] - info.frame_pts[i - 1]) * time_base_s;
    if (gap_s > kJumpS)
      throw InputError(fmt::format("{}: its timestamps jump forward {:.1f} s between frames {} and {}, a discontinuity (as where "
                                   "recordings were spliced) that the ffmpeg CLI closes up and framebench would keep; remux it "
                                   "first (ffmpeg -i IN -c copy OUT.ts closes it up), or cut it there",
                                   info.path.string(), gap_s, i - 1, i));
  }
}

}  // namespace

VideoInfo probe_input(AVFormatContext* format, const std::filesystem::path& path, std::vector<std::int64_t>* decode_order_out) {
  const int index = first_video_stream(format);
  if (index < 0) throw InputError(fmt::format("{}: no video stream", path.string()));
  const AVStream* stream = format->streams[index];
  const AVCodecParameters* par = stream->codecpar;
  if (!avcodec_find_decoder(par->codec_id))
    throw InputError(fmt::format("{}: no decoder here for its video codec '{}'", path.string(), avcodec_get_name(par->codec_id)));
  if (par->width <= 0 || par->height <= 0)
    throw InputError(fmt::format("{}: its video stream has no frame size", path.string()));
  // single-core took a 16400-pixel-wide clip the segment strategies' workers refused (found 6 December 2026 by a review).
  if (par->width > kMaxFrameSide || par->height > kMaxFrameSide)
    throw InputError(fmt::format("{}: frames of {}x{} are past the {} pixels a side framebench takes", path.string(), par->width,
                                 par->height, kMaxFrameSide));

  VideoInfo info;
  info.path = path;
  info.container = format->iformat->name;
  info.codec = avcodec_get_name(par->codec_id);
  const char* pix = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format));
  info.pixel_format = pix ? pix : "unknown";
  info.width = par->width;
  info.height = par->height;
  info.time_base = from_av(stream->time_base);
  const AVRational aspect = av_guess_sample_aspect_ratio(format, const_cast<AVStream*>(stream), nullptr);
  if (aspect.num > 0 && aspect.den > 0) info.presentation.sample_aspect = from_av(aspect);
  std::size_t matrix_size = 0;
  if (const std::uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &matrix_size);
      matrix && matrix_size == sizeof(DisplayMatrix)) {
    DisplayMatrix m;
    std::memcpy(m.data(), matrix, sizeof m);
    info.presentation.display_matrix = m;
  }
  info.presentation.color_range = tag_value(par->color_range, AVCOL_RANGE_NB, AVCOL_RANGE_UNSPECIFIED);
  // A yuvj format says full range itself; the native path writes its planes as the plain format,
  // where only this tag says it (native_format).
  if (sws_format(static_cast<AVPixelFormat>(par->format), AVCOL_RANGE_UNSPECIFIED).full_range)
    info.presentation.color_range = AVCOL_RANGE_JPEG;
  info.presentation.color_space = tag_value(par->color_space, AVCOL_SPC_NB, AVCOL_SPC_UNSPECIFIED);
  info.presentation.color_primaries = tag_value(par->color_primaries, AVCOL_PRI_NB, AVCOL_PRI_UNSPECIFIED);
  info.presentation.color_trc = tag_value(par->color_trc, AVCOL_TRC_NB, AVCOL_TRC_UNSPECIFIED);
  info.stream_index = index;
  // Said so that a user can tell them apart (found 7 December 2026 by a sweep of stream layouts:
  // cover art was "video (png)", a second H.264 stream "video (h264)" like the one filtered, a
  // timecode track "data (none)").
  for (unsigned i = 0; i < format->nb_streams; ++i) {
    if (static_cast<int>(i) == index) continue;
    const AVStream* other = format->streams[i];
    const AVCodecParameters* p = other->codecpar;
    const char* type = av_get_media_type_string(p->codec_type);
    const bool cover_art = other->disposition & AV_DISPOSITION_ATTACHED_PIC;
    std::string what = cover_art ? "cover art" : p->codec_type == AVMEDIA_TYPE_VIDEO ? fmt::format("video #{}", i) : (type ? type : "unknown");
    std::vector<std::string> details;
    if (p->codec_id != AV_CODEC_ID_NONE) details.emplace_back(avcodec_get_name(p->codec_id));
    if (!cover_art && p->codec_type == AVMEDIA_TYPE_VIDEO) {
      details.push_back(fmt::format("{}x{}", p->width, p->height));
      ++info.other_video_streams;
    }
    if (cover_art && static_cast<int>(i) < index) ++info.cover_art_before;
    info.other_streams.push_back(details.empty() ? what : fmt::format("{} ({})", what, fmt::join(details, ", ")));
  }
  switch (tag_value(par->field_order, AV_FIELD_BT + 1, AV_FIELD_UNKNOWN)) {
    case AV_FIELD_TT: case AV_FIELD_BT: info.interlacing = "top field first"; break;  // as shown
    case AV_FIELD_BB: case AV_FIELD_TB: info.interlacing = "bottom field first"; break;
    default: break;
  }

  // Every packet of the stream, in decode order. Empty packets and those the demuxer marks for
  // discarding (edit lists) never become frames, so they are not counted. A frame is known by its
  // packet's place in decode order, never by its timestamp (AVI gives B-frames none, and
  // containers may carry duplicates); timestamps only give the presentation times.
  std::vector<std::int64_t> decode_order;
  std::int64_t latest = 0;  // the latest presentation time so far
  TimelineOrder order(*par);
  const CleanKeyframes clean(*par);
  KeyframeShapes shapes(*par);
  KeyframePictures pictures(*par);
  // The first keyframe's pixel format as native_format names it ("" where the parser names none),
  // to compare later keyframes' with.
  std::optional<std::string> first_keyframe_format;
  bool first_clean = false;
  std::int64_t before_first_keyframe = 0;  // packets of the stream, discarded ones too, before a keyframe's
  bool keyframe_seen = false;
  bool decode_times = false;  // whether some frame's time is its packet's decode time
  const PacketPtr packet = make_packet();
  for (;;) {
    const int rc = av_read_frame(format, packet.get());
    if (rc == AVERROR_EOF) break;
    if (rc < 0)
      throw InputError(fmt::format("{}: cannot read packet {} ({})", path.string(), decode_order.size(), av_error_text(rc)));
    // A keyframe as flagged, unless its picture's own header says otherwise.
    const bool can_start = packet->stream_index == index && packet->size > 0 && clean.can_start(*packet) &&
                           pictures.holds_intra_picture(*packet);
    if (packet->stream_index == index && packet->size > 0 && !keyframe_seen) {
      keyframe_seen = can_start;
      before_first_keyframe += !keyframe_seen;
    }
    if (packet->stream_index == index && packet->size > 0 && !(packet->flags & AV_PKT_FLAG_DISCARD)) {
      // Damaged input is refused, never concealed into an output (docs/RELIABILITY.md).
      if (packet->flags & AV_PKT_FLAG_CORRUPT)
        // MPEG-TS flags the packet where a continuity counter jumps, as where two files were
        // joined with `cat` (found 7 December 2026 by a sweep of timing).
        throw InputError(fmt::format("{}: packet {} of its video stream is damaged (the file is truncated or corrupt{})", path.string(),
                                     decode_order.size(), info.container == "mpegts" ? ", or MPEG-TS files were joined end to end" : ""));
      const std::int64_t t = packet_time(packet.get());
      if (t == AV_NOPTS_VALUE)
        throw InputError(no_timestamp_refusal(info, static_cast<std::int64_t>(decode_order.size()),
                                              !decode_order.empty() && info.keyframes.empty() && !first_clean));
      decode_times = decode_times || packet->pts == AV_NOPTS_VALUE;
      // The first GOPs say it: a stream with B-frames packs them from its first.
      if (par->codec_id == AV_CODEC_ID_MPEG4 && decode_order.size() < kPackedPicturesLook && !info.packed_pictures)
        info.packed_pictures = holds_packed_pictures(*packet);
      if (!order.admits(t))
        throw InputError(fmt::format("{}: {}", path.string(),
                                     order.why_not(t, static_cast<std::int64_t>(decode_order.size()), av_q2d(stream->time_base))));
      order.add(t, static_cast<std::int64_t>(decode_order.size()));
      if (const auto shape = shapes.of(*packet)) {
        if (shape->width != info.width || shape->height != info.height)
          throw InputError(frame_size_change_refusal(
              info, fmt::format("from packet {} its frames are {}x{}", decode_order.size(), shape->width, shape->height)));
        const std::string now = shape->pixel_format.empty() ? std::string() : native_format(shape->pixel_format);
        if (!first_keyframe_format) first_keyframe_format = now;
        else if (!now.empty() && !first_keyframe_format->empty() && now != *first_keyframe_format && info.pixel_format_change.empty())
          info.pixel_format_change = fmt::format("from packet {} its frames are {}, but the video starts as {}", decode_order.size(), now,
                                                 *first_keyframe_format);
      }
      if (decode_order.empty()) first_clean = clean.is_clean(*packet);
      else if (can_start) {
        info.keyframes.push_back(static_cast<std::int64_t>(decode_order.size()));
        info.keyframe_pos.push_back(packet->pos);
        info.keyframe_seek_ts.push_back(packet->dts != AV_NOPTS_VALUE ? packet->dts : packet->pts);
        info.keyframe_clean.push_back(clean.is_clean(*packet));
      }
      if (decode_order.empty() || t >= latest) {
        latest = t;
        info.last_frame_duration = std::max<std::int64_t>(packet->duration, 0);
      }
      decode_order.push_back(t);
      info.packet_bytes.push_back(packet->size);
    }
    av_packet_unref(packet.get());
  }
  if (decode_order.empty()) throw InputError(fmt::format("{}: its video stream has no frames", path.string()));
  // A stream copied from a moment between keyframes: what comes before its first keyframe refers to
  // frames it does not hold (found 6 December 2026 by a correctness sweep: "frame 0 is damaged" from
  // some strategies, "ffmpeg decoder ended after 0 of 12 frames" or a short output from others).
  // An edit list that hides the frames before the cut starts at the keyframe, and is read.
  if (!keyframe_seen)
    throw InputError(fmt::format("{}: its video stream has no keyframe, so no frame of it can be decoded alone", path.string()));
  if (before_first_keyframe > 0)
    throw InputError(fmt::format("{}: its video stream starts {} packet(s) before its first keyframe (it was cut between keyframes), "
                                 "which cannot be decoded alone; cut it at a keyframe, or re-encode it",
                                 path.string(), before_first_keyframe));
  if (info.container.starts_with("matroska")) check_matroska_not_cut_short(path);
  // Decoding can always restart at the beginning of the stream, whatever the container flags.
  info.keyframes.insert(info.keyframes.begin(), 0);
  info.keyframe_pos.insert(info.keyframe_pos.begin(), -1);
  info.keyframe_seek_ts.insert(info.keyframe_seek_ts.begin(), AV_NOPTS_VALUE);
  info.keyframe_clean.insert(info.keyframe_clean.begin(), first_clean);

  info.frame_count = static_cast<std::int64_t>(decode_order.size());
  info.has_b_frames = !std::is_sorted(decode_order.begin(), decode_order.end());
  // Only AVI, whose packets carry nothing else: MPEG-PS leaves some packets without one too (their
  // pts are then generated), but the CLI's times there were off by other amounts segment to
  // segment (found 7 December 2026 by a review), which piped-ffmpeg learns from its boundaries.
  if (decode_times && info.container == "avi") info.decoder_time_lead = std::max(par->video_delay, 0);
  info.frame_pts = decode_order;
  info.shown_before_first_packet = std::count_if(decode_order.begin(), decode_order.end(), [&](std::int64_t t) { return t < decode_order[0]; });
  if (decode_order_out) *decode_order_out = std::move(decode_order);
  std::sort(info.frame_pts.begin(), info.frame_pts.end());
  if (format->iformat->flags & AVFMT_TS_DISCONT) check_no_discontinuity(info, av_q2d(stream->time_base));

  AVRational rate = stream->avg_frame_rate;
  if (rate.num <= 0 || rate.den <= 0) rate = stream->r_frame_rate;
  if ((rate.num <= 0 || rate.den <= 0) && info.frame_count > 1 && info.frame_pts.back() > info.frame_pts.front()) {
    const double span_s = static_cast<double>(info.frame_pts.back() - info.frame_pts.front()) * av_q2d(stream->time_base);
    rate = av_d2q(static_cast<double>(info.frame_count - 1) / span_s, 100000);
  }
  if (rate.num <= 0 || rate.den <= 0) throw InputError(fmt::format("{}: its video stream has no frame rate", path.string()));
  info.frame_rate = from_av(av_make_q(rate.num, rate.den));
  info.duration_s = static_cast<double>(info.frame_count) / av_q2d(rate);
  return info;
}

}  // namespace framebench::media
