#include "media/packet_copy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/libav.hpp"
#include "media/output_muxer.hpp"
#include "media/presentation.hpp"

namespace framebench::media {

namespace {

// Packets that probe counts as frames (it skips empty and discard-marked ones).
bool is_frame(const AVPacket* packet, int stream) {
  return packet->stream_index == stream && packet->size > 0 && !(packet->flags & AV_PKT_FLAG_DISCARD);
}

// Positions `input` so that the next frame packet read is decode-order packet `keyframes[k]`:
// by a seek near its timestamp when that lands at or before its byte position, else from the
// start. Returns that packet, already read, or nullptr when it cannot be found.
bool read_keyframe_packet(InputContextPtr& input, int stream, const VideoInfo& info, std::size_t k, AVPacket* packet) {
  const std::int64_t bytes = info.keyframe_bytes(k);
  const auto read_until = [&](std::int64_t pos, std::int64_t index) {
    for (std::int64_t n = 0; av_read_frame(input.get(), packet) >= 0; av_packet_unref(packet)) {
      if (!is_frame(packet, stream)) continue;
      if (pos >= 0 ? packet->pos == pos && (bytes < 0 || packet->size == bytes) : n == index) return true;
      if (pos >= 0 && packet->pos > pos) return false;
      ++n;
    }
    return false;
  };
  if (k == 0) return read_until(-1, 0);
  const std::int64_t pos = info.keyframe_pos[k];
  if (pos >= 0)
    for (const std::int64_t ts : info.seek_times_for(k))
      if (av_seek_frame(input.get(), stream, ts, AVSEEK_FLAG_BACKWARD) >= 0 && read_until(pos, -1)) return true;
  input = open_input(info.path);
  return read_until(pos, info.keyframes[k]);
}

}  // namespace

std::uintmax_t copy_packets(const VideoInfo& info, std::int64_t first_packet, std::int64_t end_packet, const std::filesystem::path& output) {
  init_libav_logging();
  const auto k = std::find(info.keyframes.begin(), info.keyframes.end(), first_packet);
  if (k == info.keyframes.end() || end_packet <= first_packet || end_packet > info.frame_count)
    throw InputError(fmt::format("{}: cannot copy packets {}-{}: it has {} packets, keyframes where copies may start", info.path.string(),
                                 first_packet, end_packet - 1, info.frame_count));
  InputContextPtr input = open_input(info.path);
  const int stream = first_video_stream(input.get());
  if (stream < 0) throw InputError(fmt::format("{}: no video stream", info.path.string()));
  const AVStream* in_stream = input->streams[stream];

  OutputMuxer out(output, output, "matroska");
  AVStream* out_stream = &out.new_stream();
  check_av(avcodec_parameters_copy(out_stream->codecpar, in_stream->codecpar), out.context("stream parameters"));
  out_stream->codecpar->codec_tag = 0;
  out_stream->time_base = in_stream->time_base;
  out_stream->avg_frame_rate = in_stream->avg_frame_rate;
  show_on(*out_stream, info.presentation);  // as the input says it, where the demuxer keeps it
  out.start();

  const PacketPtr packet = make_packet();
  if (!read_keyframe_packet(input, stream, info, static_cast<std::size_t>(k - info.keyframes.begin()), packet.get()))
    throw Error(fmt::format("{}: packet {} not found", info.path.string(), first_packet));
  for (std::int64_t n = first_packet; n < end_packet;) {
    if (is_frame(packet.get(), stream)) {
      if (packet->pts == AV_NOPTS_VALUE) packet->pts = packet->dts;  // AVI's B-frames have none; Matroska needs one
      av_packet_rescale_ts(packet.get(), in_stream->time_base, out_stream->time_base);
      packet->stream_index = out_stream->index;
      packet->pos = -1;
      out.write(*packet);
      ++n;
    }
    av_packet_unref(packet.get());
    if (n < end_packet) check_av(av_read_frame(input.get(), packet.get()), fmt::format("{}: read", info.path.string()));
  }
  out.finish();
  return std::filesystem::file_size(output);
}

}  // namespace framebench::media
