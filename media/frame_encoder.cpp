#include "media/frame_encoder.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "media/native_planes.hpp"

namespace framebench::media {
namespace {

struct ParamList {  // x264-params / x265-params: "key=value:key=value"
  std::string text;
  void add(std::string_view item) {
    if (!text.empty()) text += ':';
    text += item;
  }
};

}  // namespace

struct FrameEncoder::Impl {
  EncoderSpec spec;
  WriterOptions options;
  std::string where;
  CodecContextPtr encoder;
  NativeFrame own;  // what BGR24 and copied frames go through, given buffers on first use
  PacketPtr packet = make_packet();
  std::optional<FromBgr> from_bgr;
  std::int64_t written = 0;
  bool finished = false;

  Impl(const EncoderSpec& s, const WriterOptions& o, bool global_header, std::string w)
      : spec(for_frame_size(s, o.width, o.height)), options(o), where(std::move(w)) {
    validate(spec, options, where);
    const AVCodec* codec = avcodec_find_encoder_by_name(spec.codec.c_str());
    const AVPixelFormat pix_fmt = av_get_pix_fmt(spec.pixel_format.c_str());
    encoder.reset(avcodec_alloc_context3(codec));
    if (!encoder) throw std::bad_alloc();
    const AVRational rate = to_av(options.frame_rate);
    encoder->width = options.width;
    encoder->height = options.height;
    encoder->pix_fmt = pix_fmt;
    encoder->time_base = av_inv_q(to_av(options.times.clock(options.frame_rate)));
    encoder->framerate = rate;
    encoder->sample_aspect_ratio = to_av(options.presentation.sample_aspect);
    encoder->color_range = static_cast<AVColorRange>(options.presentation.color_range);
    encoder->colorspace = static_cast<AVColorSpace>(options.presentation.color_space);
    encoder->color_primaries = static_cast<AVColorPrimaries>(options.presentation.color_primaries);
    encoder->color_trc = static_cast<AVColorTransferCharacteristic>(options.presentation.color_trc);
    if (global_header) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    AVDictionary* dict_raw = nullptr;
    ParamList codec_params;  // merged into x264-params / x265-params
    for (const auto& [key, value] : spec.options) {
      if (key == "qscale") {
        encoder->flags |= AV_CODEC_FLAG_QSCALE;
        encoder->global_quality = FF_QP2LAMBDA * std::stoi(value);
      } else if (key == "x264-params" || key == "x265-params") {
        codec_params.add(value);
      } else {
        av_dict_set(&dict_raw, key.c_str(), value.c_str(), 0);
      }
    }
    configure_threads_and_gop(codec_params);
    if (!codec_params.text.empty())
      av_dict_set(&dict_raw, spec.codec == "libx265" ? "x265-params" : "x264-params", codec_params.text.c_str(), 0);
    const int rc = avcodec_open2(encoder.get(), codec, &dict_raw);
    const std::unique_ptr<AVDictionary, DictionaryDeleter> left_over(dict_raw);
    if (rc < 0) {
      if (const auto problem = encoder_size_problem(spec, options.width, options.height); !problem.empty())
        throw InputError(fmt::format("{}: {} ({})", where, problem, av_error_text(rc)));
      throw EncoderRefused(fmt::format("{}: cannot open encoder '{}' ({}): {}", where, spec.name, spec.codec, av_error_text(rc)));
    }
    if (const AVDictionaryEntry* left = av_dict_get(left_over.get(), "", nullptr, AV_DICT_IGNORE_SUFFIX))
      throw Error(fmt::format("encoder '{}': '{}' has no option '{}'", spec.name, spec.codec, left->key));
  }

  // libx264 runs 1.5x cores frame threads plus lookahead threads unless told; libx265 ignores
  // thread_count and sizes its pool to the machine. Bound both to the budget.
  void configure_threads_and_gop(ParamList& params) {
    const int n = options.threads;
    const int g = options.gop_size;
    if (spec.codec == "libx265") {
      params.add("log-level=error");  // x265 prints to stderr itself, not through av_log
      if (n == 1) params.add("pools=none:frame-threads=1");
      else if (n > 1) params.add(fmt::format("pools={}", n));
      if (g > 0) params.add(fmt::format("keyint={}:min-keyint={}:scenecut=0", g, g));
      return;
    }
    encoder->thread_count = n;
    if (spec.codec == "libx264" || spec.codec == "libx264rgb") {
      if (n > 0) params.add("lookahead-threads=1");
      if (g > 0) params.add(fmt::format("keyint={}:min-keyint={}:scenecut=0", g, g));
      return;
    }
    if (n == 1) encoder->thread_type = 0;
    if (g > 0) encoder->gop_size = g;
  }

  std::string context(std::string_view what) const { return fmt::format("{}: {}", where, what); }

  void encode(const AVFrame* f, const PacketHandler& on_packet) {
    check_av(avcodec_send_frame(encoder.get(), f), context("encode"));
    for (;;) {
      const int rc = avcodec_receive_packet(encoder.get(), packet.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
      check_av(rc, context("encode"));
      // One frame in the encoder's time base; with the input's own times, until the next one.
      if (options.times.variable()) packet->duration = std::max<std::int64_t>(options.times.duration_at(packet->pts), 1);
      else if (packet->duration == 0) packet->duration = 1;
      // libx265 3.5 leaves the dts of a stream of one or two frames uninitialised (its reorder
      // delay comes from the third frame's time): 6 of 20 one-frame encodes here got dts -1.2e18,
      // which the mp4 muxer refuses ("patches welcome"), and valgrind saw a two-frame encode's
      // flushed dts reach the muxer uninitialised, which Matroska's then now and then refused.
      // In a stream of at most two frames decode order is display order (a B-frame needs a
      // frame after it).
      if (written + (f ? 1 : 0) == 1 || (!f && written <= 2)) packet->dts = packet->pts;
      on_packet(*packet);
      av_packet_unref(packet.get());
    }
  }

  std::int64_t stamp(std::int64_t frame_index) const {
    if (!options.times.variable()) return frame_index;
    if (frame_index >= static_cast<std::int64_t>(options.times.pts.size()))
      throw Error(context(fmt::format("frame {} is past the input's {} frame times", frame_index, options.times.pts.size())));
    return options.times.pts[static_cast<std::size_t>(frame_index)];
  }

  void write(ConstFrameView in, const PacketHandler& on_packet) {
    if (finished) throw Error(context("write after finish"));
    if (in.width != options.width || in.height != options.height)
      throw Error(context(fmt::format("frame is {}x{}, the encoder was opened for {}x{}", in.width, in.height, options.width,
                                      options.height)));
    AVFrame& f = ready(own);
    // Made on first use: the native pixel path never converts.
    if (!from_bgr) from_bgr.emplace(options.width, options.height, encoder->pix_fmt);
    from_bgr->convert(in, f);
    send(f, on_packet);
  }

  void write(const PlanarFrame& in, const PacketHandler& on_packet) {
    if (in.format == spec.pixel_format) {
      if (finished) throw Error(context("write after finish"));
      AVFrame& f = ready(own);
      copy_planes(in, f, where);
      send(f, on_packet);
    } else if (in.format == "bgr24" && in.planes.size() == 1) {
      write(in.planes.front().view(), on_packet);
    } else {
      throw Error(context(fmt::format("a {} frame given to encoder '{}', which takes {} or BGR24", in.format, spec.name, spec.pixel_format)));
    }
  }

  // `given` with buffers of the encoder's format and size that nobody else holds. Reads only
  // what write never changes (the format, the size, `finished`), so it may run on another thread
  // while write runs, on another frame.
  AVFrame& ready(NativeFrame& given) const {
    if (finished) throw Error(context("write after finish"));
    AVFrame& f = given.av();
    if (!av_frame_is_writable(&f) || f.format != encoder->pix_fmt || f.width != options.width || f.height != options.height) {
      // Fresh buffers rather than av_frame_make_writable's copy: every pixel is about to be written.
      av_frame_unref(&f);
      f.format = encoder->pix_fmt;
      f.width = options.width;
      f.height = options.height;
      check_av(av_frame_get_buffer(&f, 0), context("frame buffer"));
    }
    return f;
  }

  std::vector<FrameView> frame_to_fill(NativeFrame& given) const { return plane_views(ready(given), where); }

  void write(NativeFrame& given, const PacketHandler& on_packet) {
    if (finished) throw Error(context("write after finish"));
    AVFrame& f = given.av();
    if (f.format != encoder->pix_fmt || f.width != options.width || f.height != options.height)
      throw Error(context("a native frame not made by frame_to_fill given to the encoder"));
    send(f, on_packet);
  }

  void send(AVFrame& f, const PacketHandler& on_packet) {
    f.pts = stamp(options.first_frame_index + written);
    // libavcodec's MPEG-style encoders (mjpeg, mpeg4) take a fixed quantiser from each frame, as
    // the CLI sets it; without it they encode at qmin. A decoded frame may carry its own.
    f.quality = (encoder->flags & AV_CODEC_FLAG_QSCALE) ? encoder->global_quality : 0;
    encode(&f, on_packet);
    ++written;
  }
};

void FrameEncoder::validate(const EncoderSpec& spec, const WriterOptions& o, const std::string& where) {
  init_libav_logging();
  if (const auto why = encoder_unavailable_reason(spec); !why.empty())
    throw InputError(fmt::format("{}: encoder '{}' is unavailable: {}", where, spec.name, why));
  if (o.width <= 0 || o.height <= 0) throw InputError(fmt::format("{}: frame size {}x{} is not positive", where, o.width, o.height));
  if (o.frame_rate.num <= 0 || o.frame_rate.den <= 0)
    throw InputError(fmt::format("{}: frame rate {}/{} is not positive", where, o.frame_rate.num, o.frame_rate.den));
  if (o.threads < 0) throw InputError(fmt::format("{}: encoder threads must be >= 0", where));
  if (o.gop_size < 0) throw InputError(fmt::format("{}: gop size must be >= 0", where));
  if (o.first_frame_index < 0) throw InputError(fmt::format("{}: first frame index must be >= 0", where));
}

FrameEncoder::FrameEncoder(const EncoderSpec& spec, const WriterOptions& options, bool global_header, std::string where)
    : impl_(std::make_unique<Impl>(spec, options, global_header, std::move(where))) {}
FrameEncoder::~FrameEncoder() = default;
const AVCodecContext& FrameEncoder::codec() const { return *impl_->encoder; }
void FrameEncoder::write(ConstFrameView frame, const PacketHandler& on_packet) { impl_->write(frame, on_packet); }
void FrameEncoder::write(const PlanarFrame& frame, const PacketHandler& on_packet) { impl_->write(frame, on_packet); }
std::vector<FrameView> FrameEncoder::frame_to_fill(NativeFrame& frame) const { return impl_->frame_to_fill(frame); }
void FrameEncoder::ready_to_fill(NativeFrame& frame) const { impl_->ready(frame); }
void FrameEncoder::write(NativeFrame& frame, const PacketHandler& on_packet) { impl_->write(frame, on_packet); }
void FrameEncoder::finish(const PacketHandler& on_packet) {
  if (impl_->finished) return;
  impl_->encode(nullptr, on_packet);
  impl_->finished = true;
}
std::int64_t FrameEncoder::frames_written() const { return impl_->written; }

}  // namespace framebench::media
