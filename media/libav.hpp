#pragma once
// libav* headers and owning pointers for their objects. Internal to media/: the public headers
// stay free of libav so that the rest of framebench never sees it.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/rational.hpp"

namespace framebench::media {

struct InputContextDeleter {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
// Output contexts own their AVIOContext only while it is open (avio_closep clears it).
struct OutputContextDeleter {
  void operator()(AVFormatContext* c) const {
    if (c->pb && !(c->oformat->flags & AVFMT_NOFILE)) avio_closep(&c->pb);
    avformat_free_context(c);
  }
};
struct CodecContextDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct CodecParametersDeleter {
  void operator()(AVCodecParameters* p) const { avcodec_parameters_free(&p); }
};
struct DictionaryDeleter {
  void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

using InputContextPtr = std::unique_ptr<AVFormatContext, InputContextDeleter>;
using OutputContextPtr = std::unique_ptr<AVFormatContext, OutputContextDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using CodecParametersPtr = std::unique_ptr<AVCodecParameters, CodecParametersDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

// Allocators that throw std::bad_alloc instead of returning null.
FramePtr make_frame();
PacketPtr make_packet();

// libav prints to stderr at AV_LOG_INFO by default (x264 statistics, "moov atom not found"...),
// while framebench reports failures through exceptions carrying the same text. So libav stays
// quiet unless $FRAMEBENCH_AV_LOG names a level ("error", "warning", "info", "debug"...).
// Called by every entry point of media/.
void init_libav_logging();

// Opens `path` for demuxing and reads its stream info. Throws InputError naming the file.
InputContextPtr open_input(const std::filesystem::path& path);
// The first video stream that is not a cover picture, or -1.
int first_video_stream(const AVFormatContext* format);

// A decoder for `stream` of the input at `path`, as every reader of an input opens it: `threads`
// threads (1: no threading at all; otherwise the codec uses what it supports), and every frame put
// out, also one made without its references after a restart (flagged, frame_is_damaged), so that
// frames are numbered by counting and a bad restart is seen, not skipped. Throws InputError where
// there is no decoder for its codec, Error where libavcodec refuses it.
CodecContextPtr open_counting_decoder(const AVStream& stream, int threads, const std::filesystem::path& path);
// Whether the decoder had to conceal errors in `frame`, or made it without its references.
inline bool frame_is_damaged(const AVFrame& frame) { return (frame.flags & AV_FRAME_FLAG_CORRUPT) || frame.decode_error_flags != 0; }

// probe() on an input already open: demuxes every packet of its first video stream (the input is
// left at its end). `decode_order`, if given, receives the packets' times in decode order.
struct VideoInfo;
VideoInfo probe_input(AVFormatContext* format, const std::filesystem::path& path, std::vector<std::int64_t>* decode_order);

// A packet's position on the presentation timeline: its pts, or its dts where the container
// stores no pts (AVI, raw streams without reordering).
inline std::int64_t packet_time(const AVPacket* packet) {
  return packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
}

// A packet's duration in another time base: the distance between its start and its end, each
// rescaled, so that a frame ends where the next begins. Rounded alone, 1201/36000 s became 33 ms
// in Matroska, and a joined output's last frame ended 1 ms before single-core's (found 7 December
// 2026 by a sweep of timing).
inline std::int64_t rescaled_duration(std::int64_t pts, std::int64_t duration, AVRational from, AVRational to) {
  if (pts == AV_NOPTS_VALUE) return av_rescale_q(duration, from, to);
  return av_rescale_q(pts + duration, from, to) - av_rescale_q(pts, from, to);
}

// The output containers framebench writes: file extension and libavformat muxer.
struct ContainerExtension {
  const char* extension;  // with the dot
  const char* muxer;
};
const std::vector<ContainerExtension>& container_extensions();

// The muxer for an output file's extension; throws InputError naming the file otherwise.
const char* muxer_for(const std::filesystem::path& path);

inline AVRational to_av(Rational r) { return {r.num, r.den}; }
inline Rational from_av(AVRational r) { return {r.num, r.den}; }

// Pixel formats libswscale treats as deprecated aliases (yuvj*): the plain format plus full range.
struct SwsFormat {
  AVPixelFormat format;
  bool full_range;
};
SwsFormat sws_format(AVPixelFormat format, AVColorRange range);

}  // namespace framebench::media
