#include "media/video_writer.hpp"

#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/av_error.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"

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

struct VideoWriter::Impl {
  std::filesystem::path path;
  EncoderSpec spec;
  WriterOptions options;
  AtomicFile file;  // declared before the muxer so an unfinished file is closed, then removed
  OutputContextPtr muxer;
  AVStream* stream = nullptr;
  CodecContextPtr encoder;
  FramePtr frame = make_frame();
  PacketPtr packet = make_packet();
  std::optional<FromBgr> from_bgr;
  std::int64_t written = 0;
  bool finished = false;

  Impl(std::filesystem::path p, const EncoderSpec& s, WriterOptions o)
      : path(std::move(p)), spec(s), options(o), file(validated(path, spec, options)) {
    const AVCodec* codec = avcodec_find_encoder_by_name(spec.codec.c_str());
    const AVPixelFormat pix_fmt = av_get_pix_fmt(spec.pixel_format.c_str());

    AVFormatContext* raw = nullptr;
    check_av(avformat_alloc_output_context2(&raw, nullptr, muxer_for(path), file.temp_path().c_str()), context("muxer"));
    muxer.reset(raw);
    // No random segment UIDs, dates or library version strings: the same frames and settings
    // give the same bytes, so generated files can be checked by hash.
    muxer->flags |= AVFMT_FLAG_BITEXACT;
    stream = avformat_new_stream(muxer.get(), nullptr);
    if (!stream) throw std::bad_alloc();

    encoder.reset(avcodec_alloc_context3(codec));
    if (!encoder) throw std::bad_alloc();
    const AVRational rate = to_av(options.frame_rate);
    encoder->width = options.width;
    encoder->height = options.height;
    encoder->pix_fmt = pix_fmt;
    encoder->time_base = av_inv_q(rate);
    encoder->framerate = rate;
    if (muxer->oformat->flags & AVFMT_GLOBALHEADER) encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    AVDictionary* dict_raw = nullptr;
    ParamList codec_params;  // merged into x264-params / x265-params
    for (const auto& [key, value] : spec.options) {
      if (key == "qscale") {
        encoder->flags |= AV_CODEC_FLAG_QSCALE;
        encoder->global_quality = FF_QP2LAMBDA * std::stoi(value);
      } else if (key == "x264-params" || key == "x265-params") {
        codec_params.add(value);
      } else if (key == "level" && spec.codec == "ffv1" && (options.width < 3 || options.height < 3)) {
        // FFmpeg 5.1's FFV1 version 3 slicing corrupts (or refuses) frames under 3x3 pixels.
        av_dict_set(&dict_raw, "level", "1", 0);
      } else {
        av_dict_set(&dict_raw, key.c_str(), value.c_str(), 0);
      }
    }
    std::unique_ptr<AVDictionary, DictionaryDeleter> dict(dict_raw);
    configure_threads_and_gop(codec_params);
    if (!codec_params.text.empty()) {
      dict_raw = dict.release();
      av_dict_set(&dict_raw, spec.codec == "libx265" ? "x265-params" : "x264-params", codec_params.text.c_str(), 0);
      dict.reset(dict_raw);
    }

    dict_raw = dict.release();
    const int rc = avcodec_open2(encoder.get(), codec, &dict_raw);
    dict.reset(dict_raw);
    if (rc < 0) {
      const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(pix_fmt);
      const int wmask = (1 << desc->log2_chroma_w) - 1, hmask = (1 << desc->log2_chroma_h) - 1;
      if ((options.width & wmask) || (options.height & hmask))
        throw InputError(fmt::format("{}: encoder '{}' cannot take {}x{} frames: {} needs a width divisible by {} and a "
                                     "height divisible by {} ({})",
                                     path.string(), spec.name, options.width, options.height, spec.pixel_format,
                                     wmask + 1, hmask + 1, av_error_text(rc)));
      throw Error(fmt::format("{}: cannot open encoder '{}' ({}): {}", path.string(), spec.name, spec.codec, av_error_text(rc)));
    }
    if (const AVDictionaryEntry* left = av_dict_get(dict.get(), "", nullptr, AV_DICT_IGNORE_SUFFIX))
      throw Error(fmt::format("encoder '{}': '{}' has no option '{}'", spec.name, spec.codec, left->key));

    check_av(avcodec_parameters_from_context(stream->codecpar, encoder.get()), context("stream parameters"));
    stream->time_base = encoder->time_base;
    stream->avg_frame_rate = rate;

    if (!(muxer->oformat->flags & AVFMT_NOFILE)) {
      const int open_rc = avio_open(&muxer->pb, file.temp_path().c_str(), AVIO_FLAG_WRITE);
      if (open_rc < 0) throw Error(fmt::format("{}: cannot create ({})", path.string(), av_error_text(open_rc)));
    }
    check_av(avformat_write_header(muxer.get(), nullptr), context("cannot write the header"));

    frame->format = pix_fmt;
    frame->width = options.width;
    frame->height = options.height;
    check_av(av_frame_get_buffer(frame.get(), 0), context("frame buffer"));
    from_bgr.emplace(options.width, options.height, pix_fmt);
  }

  // Checks what the caller gave before anything is created; returns the path for AtomicFile.
  static std::filesystem::path validated(const std::filesystem::path& path, const EncoderSpec& spec, const WriterOptions& o) {
    init_libav_logging();
    muxer_for(path);  // throws InputError on an unknown extension
    if (const auto why = encoder_unavailable_reason(spec); !why.empty())
      throw InputError(fmt::format("{}: encoder '{}' is unavailable: {}", path.string(), spec.name, why));
    if (o.width <= 0 || o.height <= 0)
      throw InputError(fmt::format("{}: frame size {}x{} is not positive", path.string(), o.width, o.height));
    if (o.frame_rate.num <= 0 || o.frame_rate.den <= 0)
      throw InputError(fmt::format("{}: frame rate {}/{} is not positive", path.string(), o.frame_rate.num, o.frame_rate.den));
    if (o.threads < 0) throw InputError(fmt::format("{}: encoder threads must be >= 0", path.string()));
    if (o.gop_size < 0) throw InputError(fmt::format("{}: gop size must be >= 0", path.string()));
    if (o.first_frame_index < 0) throw InputError(fmt::format("{}: first frame index must be >= 0", path.string()));
    return path;
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

  std::string context(std::string_view what) const { return fmt::format("{}: {}", path.string(), what); }

  void encode(const AVFrame* f) {
    check_av(avcodec_send_frame(encoder.get(), f), context("encode"));
    for (;;) {
      const int rc = avcodec_receive_packet(encoder.get(), packet.get());
      if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
      check_av(rc, context("encode"));
      if (packet->duration == 0) packet->duration = 1;  // one frame in the encoder's time base
      av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
      packet->stream_index = stream->index;
      check_av(av_interleaved_write_frame(muxer.get(), packet.get()), context("write"));
    }
  }

  void write(ConstFrameView in) {
    if (finished) throw Error(context("write after finish"));
    if (in.width != options.width || in.height != options.height)
      throw Error(context(fmt::format("frame is {}x{}, the writer was opened for {}x{}", in.width, in.height, options.width,
                                      options.height)));
    check_av(av_frame_make_writable(frame.get()), context("frame buffer"));
    from_bgr->convert(in, *frame);
    frame->pts = options.first_frame_index + written;
    encode(frame.get());
    ++written;
  }

  void finish() {
    if (finished) return;
    encode(nullptr);
    check_av(av_write_trailer(muxer.get()), context("cannot write the trailer"));
    if (muxer->pb && !(muxer->oformat->flags & AVFMT_NOFILE))
      check_av(avio_closep(&muxer->pb), context("close"));
    file.commit();
    finished = true;
  }
};

VideoWriter::VideoWriter(const std::filesystem::path& path, const EncoderSpec& encoder, WriterOptions options)
    : impl_(std::make_unique<Impl>(path, encoder, options)) {}
VideoWriter::~VideoWriter() = default;
void VideoWriter::write(ConstFrameView frame) { impl_->write(frame); }
void VideoWriter::finish() { impl_->finish(); }
std::int64_t VideoWriter::frames_written() const { return impl_->written; }

}  // namespace framebench::media
