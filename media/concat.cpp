#include "media/concat.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/av_error.hpp"
#include "media/libav.hpp"
#include "media/output_muxer.hpp"
#include "media/presentation.hpp"
#include "media/probe.hpp"

namespace framebench::media {
namespace fs = std::filesystem;

namespace {

struct Part {
  VideoInfo info;
  std::vector<std::int64_t> decode_order;  // presentation times of the packets, in decode order
  CodecParametersPtr codecpar;
  // How far (part time base) decode times must trail presentation times so that each frame is
  // decoded before it is shown: 0 without B-frames.
  std::int64_t decode_delay = 0;
};

Part scan(const fs::path& path) {
  const InputContextPtr input = open_input(path);
  std::vector<std::int64_t> decode_order;
  Part part{probe_input(input.get(), path, &decode_order), {}, CodecParametersPtr(avcodec_parameters_alloc()), 0};
  if (!part.codecpar) throw std::bad_alloc();
  check_av(avcodec_parameters_copy(part.codecpar.get(), input->streams[first_video_stream(input.get())]->codecpar),
           fmt::format("{}: stream parameters", path.string()));
  // The n-th packet in decode order gets the n-th presentation time, minus this delay, as DTS.
  for (std::size_t n = 0; n < decode_order.size(); ++n)
    part.decode_delay = std::max(part.decode_delay, part.info.frame_pts[n] - decode_order[n]);
  part.decode_order = std::move(decode_order);
  return part;
}

// Parts are only joinable when one decoder setup reads them all. Variable-rate parts differ in
// average rate (each is a stretch of the input's timeline), so their rate is not compared.
void check_compatible(const Part& first, const Part& part, bool variable_rate) {
  const VideoInfo &a = first.info, &b = part.info;
  const auto refuse = [&](std::string_view what, const std::string& va, const std::string& vb) {
    throw Error(fmt::format("cannot join {} after {}: {} differs ({} vs {})", b.path.string(), a.path.string(), what, vb, va));
  };
  if (b.codec != a.codec) refuse("codec", a.codec, b.codec);
  if (b.width != a.width || b.height != a.height)
    refuse("frame size", fmt::format("{}x{}", a.width, a.height), fmt::format("{}x{}", b.width, b.height));
  if (b.pixel_format != a.pixel_format) refuse("pixel format", a.pixel_format, b.pixel_format);
  if (!variable_rate && b.frame_rate != a.frame_rate)
    refuse("frame rate", fmt::format("{}/{}", a.frame_rate.num, a.frame_rate.den),
           fmt::format("{}/{}", b.frame_rate.num, b.frame_rate.den));
  const AVCodecParameters *pa = first.codecpar.get(), *pb = part.codecpar.get();
  const bool same_extradata =
      pa->extradata_size == pb->extradata_size &&
      (pb->extradata_size == 0 || std::memcmp(pa->extradata, pb->extradata, static_cast<std::size_t>(pb->extradata_size)) == 0);
  if (!same_extradata) refuse("codec setup (extradata)", "another encoder configuration", "one encoder configuration");
}


// The rate evenly spaced frames are joined at: the input's where the caller gives it (FrameTimes::of
// does), else the first part's. A part's rate is what libav estimates from its container: a
// Matroska part of a 36000/1201 fps input read 28806/961, which put frame 18 at 600 ms where
// single-core writes 601 (found 7 December 2026 by a sweep of timing).
Rational joined_rate(const Part& first, const FrameTimes& times) {
  return times.rate_known() ? times.frame_rate : first.info.frame_rate;
}

// Where each part's packets go on the joined timeline, in the output time base. Part k starts
// where the frames before it end. Evenly spaced parts are placed at the input's rate, frame by frame;
// with the input's variable frame times, the n-th frame shown of the joined video is shown at the
// input's n-th time, whatever the part says (piped-ffmpeg's parts are evenly spaced). Decode
// timestamps are rebuilt (containers such as Matroska store none) from the presentation times in
// order, so they rise strictly across the joins and never pass a frame's PTS.
class Timeline {
 public:
  Timeline(const std::vector<Part>& parts, const FrameTimes& times, AVRational out_tb)
      : parts_(parts), times_(times), out_tb_(out_tb), frame_duration_(av_inv_q(to_av(joined_rate(parts.front(), times)))),
        start_(av_rescale_q(parts.front().info.frame_pts.front(), to_av(parts.front().info.time_base), out_tb)) {
    std::int64_t frames = 0;
    for (const Part& p : parts) {
      first_frame_.push_back(frames);
      frames += p.info.frame_count;
    }
    if (times_.variable() && frames != static_cast<std::int64_t>(times_.pts.size()))
      throw Error(fmt::format("the parts hold {} frames, the input {}", frames, times_.pts.size()));
    for (std::size_t k = 0; k < parts.size(); ++k)
      for (std::size_t n = 0; n < parts[k].decode_order.size(); ++n)
        decode_delay_ = std::max(decode_delay_, shown(k, n) - pts(k, parts[k].decode_order[n]));
  }

  std::int64_t pts(std::size_t k, std::int64_t t) const {
    // Evenly spaced: the joined video's frame i at i / rate, rounded once, as the in-process writers
    // place it. The part's start and its own offset, each already rounded to a coarse time base
    // (Matroska's milliseconds), put frames a tick off (found 6 December 2026 by a correctness
    // sweep: at 30000/1001 fps into .mkv, frame 17 at 568 ms where single-core writes 567).
    if (!times_.variable()) return at_frame(frame_of(k, t));
    return at(frame_of(k, t));
  }
  // Of the part's n-th packet in decode order.
  std::int64_t dts(std::size_t k, std::size_t n) const { return shown(k, n) - decode_delay_; }
  // How long the part's frame at `t` is shown: until the next frame, or the input's end (the
  // parts, evenly spaced, gave the last frame a frame of their average rate; in Matroska a 23.976
  // fps part's 41 ms put the joined end 1 ms before single-core's, found 7 December 2026 by a
  // sweep of timing); as the part says (`part_duration`, in the output time base) where the
  // input's rate is not known.
  std::int64_t duration(std::size_t k, std::int64_t t, std::int64_t part_duration) const {
    if (!times_.variable()) {
      if (!times_.rate_known()) return part_duration;
      const std::int64_t frame = frame_of(k, t);
      return at_frame(frame + 1) - at_frame(frame);
    }
    const std::int64_t shown_at = times_.pts[static_cast<std::size_t>(frame_of(k, t))];
    return at_time(shown_at + times_.duration_at(shown_at)) - at_time(shown_at);
  }

 private:
  // The joined video's frame (in presentation order) that part k shows at its own time `t`.
  std::int64_t frame_of(std::size_t k, std::int64_t t) const {
    const VideoInfo& info = parts_[k].info;
    return first_frame_[k] + (std::lower_bound(info.frame_pts.begin(), info.frame_pts.end(), t) - info.frame_pts.begin());
  }
  // When the part's n-th frame in presentation order is shown.
  std::int64_t shown(std::size_t k, std::size_t n) const {
    if (!times_.variable()) return pts(k, parts_[k].info.frame_pts[n]);
    return at(first_frame_[k] + static_cast<std::int64_t>(n));
  }
  std::int64_t at(std::int64_t frame) const { return at_time(times_.pts[static_cast<std::size_t>(frame)]); }
  // A time of times_ on the joined timeline.
  std::int64_t at_time(std::int64_t t) const { return start_ + av_rescale_q(t, to_av(times_.time_base), out_tb_); }
  // Evenly spaced: the joined video's frame i at i / rate, rounded once.
  std::int64_t at_frame(std::int64_t frame) const { return start_ + av_rescale_q(frame, frame_duration_, out_tb_); }

  const std::vector<Part>& parts_;
  const FrameTimes& times_;
  AVRational out_tb_;
  AVRational frame_duration_;  // of evenly spaced frames
  std::int64_t start_;
  std::vector<std::int64_t> first_frame_;
  std::int64_t decode_delay_ = 0;  // the largest any part needs
};

}  // namespace

void concat_parts(const std::vector<fs::path>& parts, const fs::path& output, const FrameTimes& times,
                  const std::optional<DisplayMatrix>& display_matrix) {
  init_libav_logging();
  if (parts.empty()) throw Error(fmt::format("{}: no parts to join", output.string()));
  const char* muxer_name = muxer_for(output);

  // A first pass over every part: exact frame tables place each part on the joined timeline.
  std::vector<Part> scanned;
  scanned.reserve(parts.size());
  for (const auto& path : parts) {
    scanned.push_back(scan(path));
    if (scanned.size() > 1) check_compatible(scanned.front(), scanned.back(), times.variable());
  }
  const Part& first = scanned.front();

  // The job's output folder was writable when the job began (found 6 December 2026 by a fault
  // sweep: a folder removed meanwhile ended the job as bad input, exit 2).
  AtomicFile file(output, AtomicFile::Place::checked_before);
  OutputMuxer out(output, file.temp_path(), muxer_name);
  AVStream* out_stream = &out.new_stream();
  check_av(avcodec_parameters_copy(out_stream->codecpar, first.codecpar.get()), out.context("stream parameters"));
  out_stream->codecpar->codec_tag = 0;  // the output container picks its own tag
  // With the input's variable frame times, their own time base: the parts' is evenly spaced at
  // their average rate (piped-ffmpeg's), which in AVI, where it is the frame rate, ran several
  // frames into one tick (found 5 December 2026 by a correctness sweep: "non monotonically
  // increasing dts", exit 1).
  out_stream->time_base = times.variable() ? to_av(times.time_base) : to_av(first.info.time_base);
  record_frame_rate(*out_stream, times, joined_rate(first, times));
  // The pixel aspect as the parts say it (they are in the output's container); the input's turn.
  show_on(*out_stream, {.sample_aspect = first.info.presentation.sample_aspect, .display_matrix = display_matrix});
  out.start();
  const Timeline timeline(scanned, times, out_stream->time_base);  // the muxer may have chosen its own time base
  const PacketPtr packet = make_packet();
  for (std::size_t k = 0; k < scanned.size(); ++k) {
    const VideoInfo& info = scanned[k].info;
    const InputContextPtr input = open_input(parts[k]);
    const int index = first_video_stream(input.get());
    const AVRational in_tb = input->streams[index]->time_base;
    std::size_t n = 0;  // packets of this part, in decode order
    for (;;) {
      const int rc = av_read_frame(input.get(), packet.get());
      if (rc == AVERROR_EOF) break;
      check_av(rc, fmt::format("{}: read", parts[k].string()));
      // Empty and discard-marked packets are not frames (probe does not count them either).
      if (packet->stream_index != index || packet->size == 0 || (packet->flags & AV_PKT_FLAG_DISCARD)) {
        av_packet_unref(packet.get());
        continue;
      }
      if (n >= info.frame_pts.size()) throw Error(fmt::format("{}: changed while being joined", parts[k].string()));
      const std::int64_t t = packet_time(packet.get());
      packet->pts = timeline.pts(k, t);
      packet->dts = timeline.dts(k, n);
      packet->duration = timeline.duration(k, t, av_rescale_q(packet->duration, in_tb, out_stream->time_base));
      packet->stream_index = out_stream->index;
      packet->pos = -1;
      out.write(*packet);
      ++n;
    }
  }
  out.finish();
  file.commit();
}

}  // namespace framebench::media
