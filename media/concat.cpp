#include "media/concat.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/av_error.hpp"
#include "media/file_url.hpp"
#include "media/libav.hpp"
#include "media/probe.hpp"

namespace framebench::media {
namespace fs = std::filesystem;

namespace {

struct Part {
  VideoInfo info;
  CodecParametersPtr codecpar;
  // How far (part time base) decode times must trail presentation times so that each frame is
  // decoded before it is shown: 0 without B-frames.
  std::int64_t decode_delay = 0;
};

Part scan(const fs::path& path) {
  const InputContextPtr input = open_input(path);
  std::vector<std::int64_t> decode_order;
  Part part{probe_input(input.get(), path, &decode_order), CodecParametersPtr(avcodec_parameters_alloc()), 0};
  if (!part.codecpar) throw std::bad_alloc();
  check_av(avcodec_parameters_copy(part.codecpar.get(), input->streams[first_video_stream(input.get())]->codecpar),
           fmt::format("{}: stream parameters", path.string()));
  // The n-th packet in decode order gets the n-th presentation time, minus this delay, as DTS.
  for (std::size_t n = 0; n < decode_order.size(); ++n)
    part.decode_delay = std::max(part.decode_delay, part.info.frame_pts[n] - decode_order[n]);
  return part;
}

// Parts are only joinable when one decoder setup reads them all.
void check_compatible(const Part& first, const Part& part) {
  const VideoInfo &a = first.info, &b = part.info;
  const auto refuse = [&](std::string_view what, const std::string& va, const std::string& vb) {
    throw Error(fmt::format("cannot join {} after {}: {} differs ({} vs {})", b.path.string(), a.path.string(), what, vb, va));
  };
  if (b.codec != a.codec) refuse("codec", a.codec, b.codec);
  if (b.width != a.width || b.height != a.height)
    refuse("frame size", fmt::format("{}x{}", a.width, a.height), fmt::format("{}x{}", b.width, b.height));
  if (b.pixel_format != a.pixel_format) refuse("pixel format", a.pixel_format, b.pixel_format);
  if (b.frame_rate != a.frame_rate)
    refuse("frame rate", fmt::format("{}/{}", a.frame_rate.num, a.frame_rate.den),
           fmt::format("{}/{}", b.frame_rate.num, b.frame_rate.den));
  const AVCodecParameters *pa = first.codecpar.get(), *pb = part.codecpar.get();
  const bool same_extradata =
      pa->extradata_size == pb->extradata_size &&
      (pb->extradata_size == 0 || std::memcmp(pa->extradata, pb->extradata, static_cast<std::size_t>(pb->extradata_size)) == 0);
  if (!same_extradata) refuse("codec setup (extradata)", "another encoder configuration", "one encoder configuration");
}

}  // namespace

void concat_parts(const std::vector<fs::path>& parts, const fs::path& output) {
  init_libav_logging();
  if (parts.empty()) throw Error(fmt::format("{}: no parts to join", output.string()));
  const char* muxer_name = muxer_for(output);
  const auto context = [&](std::string_view what) { return fmt::format("{}: {}", output.string(), what); };

  // A first pass over every part: exact frame tables place each part on the joined timeline.
  std::vector<Part> scanned;
  scanned.reserve(parts.size());
  for (const auto& path : parts) {
    scanned.push_back(scan(path));
    if (scanned.size() > 1) check_compatible(scanned.front(), scanned.back());
  }
  const Part& first = scanned.front();

  AtomicFile file(output);
  AVFormatContext* raw = nullptr;
  check_av(avformat_alloc_output_context2(&raw, nullptr, muxer_name, file.temp_path().c_str()), context("muxer"));
  const OutputContextPtr out(raw);
  AVStream* out_stream = avformat_new_stream(out.get(), nullptr);
  if (!out_stream) throw std::bad_alloc();
  check_av(avcodec_parameters_copy(out_stream->codecpar, first.codecpar.get()), context("stream parameters"));
  out_stream->codecpar->codec_tag = 0;  // the output container picks its own tag
  out_stream->time_base = to_av(first.info.time_base);
  out_stream->avg_frame_rate = to_av(first.info.frame_rate);
  if (!(out->oformat->flags & AVFMT_NOFILE)) {
    const int rc = avio_open(&out->pb, file_url(file.temp_path()).c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) throw Error(fmt::format("{}: cannot create ({})", output.string(), av_error_text(rc)));
  }
  check_av(avformat_write_header(out.get(), nullptr), context("cannot write the header"));
  const AVRational out_tb = out_stream->time_base;  // the muxer may have chosen its own
  const AVRational frame_duration = av_inv_q(to_av(first.info.frame_rate));

  std::int64_t decode_delay = 0;  // in the output time base, the largest any part needs
  for (const Part& p : scanned)
    decode_delay = std::max(decode_delay, av_rescale_q_rnd(p.decode_delay, to_av(p.info.time_base), out_tb,
                                                           static_cast<AVRounding>(AV_ROUND_UP | AV_ROUND_PASS_MINMAX)));

  const std::int64_t start = av_rescale_q(first.info.frame_pts.front(), to_av(first.info.time_base), out_tb);
  std::int64_t frames_before = 0;
  const PacketPtr packet = make_packet();
  for (std::size_t k = 0; k < scanned.size(); ++k) {
    const VideoInfo& info = scanned[k].info;
    const InputContextPtr input = open_input(parts[k]);
    const int index = first_video_stream(input.get());
    const AVRational in_tb = input->streams[index]->time_base;
    // Part k starts where the frames before it end; its own timestamps count only from its start.
    // Decode timestamps are rebuilt (containers such as Matroska store none) from the presentation
    // times in order, so they rise strictly across the joins and never pass a frame's PTS.
    const std::int64_t offset = start + av_rescale_q(frames_before, frame_duration, out_tb);
    const auto place = [&](std::int64_t t) { return av_rescale_q(t - info.frame_pts.front(), in_tb, out_tb) + offset; };
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
      packet->pts = place(packet_time(packet.get()));
      packet->dts = place(info.frame_pts[n]) - decode_delay;
      packet->duration = av_rescale_q(packet->duration, in_tb, out_tb);
      packet->stream_index = out_stream->index;
      packet->pos = -1;
      check_av(av_interleaved_write_frame(out.get(), packet.get()), context("write"));
      ++n;
    }
    frames_before += info.frame_count;
  }
  check_av(av_write_trailer(out.get()), context("cannot write the trailer"));
  if (out->pb && !(out->oformat->flags & AVFMT_NOFILE)) check_av(avio_closep(&out->pb), context("close"));
  file.commit();
}

}  // namespace framebench::media
