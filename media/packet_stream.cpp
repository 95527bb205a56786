#include "media/packet_stream.hpp"

#include <cstring>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/av_error.hpp"
#include "media/frame_encoder.hpp"
#include "media/frame_times.hpp"
#include "media/libav.hpp"
#include "media/output_muxer.hpp"

namespace framebench::media {
namespace {

// Little-endian fixed-width fields and length-prefixed bytes: both ends are this program.
class Bytes {
 public:
  void i64(std::int64_t v) { text_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void blob(const void* data, std::size_t size) {
    i64(static_cast<std::int64_t>(size));
    text_.append(static_cast<const char*>(data), size);
  }
  std::string& text() { return text_; }

 private:
  std::string text_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::int64_t i64() {
    std::int64_t v;
    need(sizeof v);
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string_view blob() {
    const auto size = i64();
    if (size < 0) throw Error("corrupt packet stream: negative length");
    need(static_cast<std::size_t>(size));
    const auto v = bytes_.substr(at_, static_cast<std::size_t>(size));
    at_ += static_cast<std::size_t>(size);
    return v;
  }

 private:
  void need(std::size_t n) const {
    if (bytes_.size() - at_ < n) throw Error("corrupt packet stream: record ends early");
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
};

std::string serialise(const AVCodecParameters& p, AVRational time_base) {
  Bytes b;
  for (const std::int64_t v : {std::int64_t{p.codec_type}, std::int64_t{p.codec_id}, std::int64_t{p.format}, std::int64_t{p.width},
                               std::int64_t{p.height}, std::int64_t{p.profile}, std::int64_t{p.level}, p.bit_rate,
                               std::int64_t{p.field_order}, std::int64_t{p.color_range}, std::int64_t{p.color_primaries},
                               std::int64_t{p.color_trc}, std::int64_t{p.color_space}, std::int64_t{p.chroma_location},
                               std::int64_t{p.sample_aspect_ratio.num}, std::int64_t{p.sample_aspect_ratio.den},
                               std::int64_t{p.video_delay}, std::int64_t{p.bits_per_coded_sample}, std::int64_t{p.bits_per_raw_sample},
                               std::int64_t{time_base.num}, std::int64_t{time_base.den}})
    b.i64(v);
  b.blob(p.extradata, static_cast<std::size_t>(p.extradata_size));
  return std::move(b.text());
}

// A stream header field must hold a value libav defines for it before it becomes one: a cast of
// any other integer to a libav enum is undefined, and an unknown value would reach the muxer.
int field(Reader& r, std::string_view name, std::int64_t low, std::int64_t high) {
  const std::int64_t v = r.i64();
  if (v < low || v > high) throw Error(fmt::format("corrupt packet stream: {} {} is outside {}..{}", name, v, low, high));
  return static_cast<int>(v);
}

AVCodecID known_codec(std::int64_t id) {
  for (const AVCodecDescriptor* d = avcodec_descriptor_next(nullptr); d != nullptr; d = avcodec_descriptor_next(d))
    if (d->id == id) return d->id;
  throw Error(fmt::format("corrupt packet stream: codec id {} is not one libavcodec knows", id));
}

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();

// Fills `p` from a stream header, every field checked; returns the encoder's time base.
AVRational deserialise(std::string_view header, AVCodecParameters& p) {
  Reader r(header);
  if (field(r, "codec type", kIntMin, kIntMax) != AVMEDIA_TYPE_VIDEO) throw Error("corrupt packet stream: not a video stream");
  p.codec_type = AVMEDIA_TYPE_VIDEO;
  p.codec_id = known_codec(r.i64());
  p.format = field(r, "pixel format", 0, AV_PIX_FMT_NB - 1);
  p.width = field(r, "width", 1, 1 << 16);
  p.height = field(r, "height", 1, 1 << 16);
  p.profile = field(r, "profile", kIntMin, kIntMax);
  p.level = field(r, "level", kIntMin, kIntMax);
  p.bit_rate = r.i64();
  if (p.bit_rate < 0) throw Error(fmt::format("corrupt packet stream: bit rate {} is negative", p.bit_rate));
  p.field_order = static_cast<AVFieldOrder>(field(r, "field order", 0, AV_FIELD_BT));
  p.color_range = static_cast<AVColorRange>(field(r, "colour range", 0, AVCOL_RANGE_NB - 1));
  p.color_primaries = static_cast<AVColorPrimaries>(field(r, "colour primaries", 0, AVCOL_PRI_NB - 1));
  p.color_trc = static_cast<AVColorTransferCharacteristic>(field(r, "transfer characteristic", 0, AVCOL_TRC_NB - 1));
  p.color_space = static_cast<AVColorSpace>(field(r, "colour space", 0, AVCOL_SPC_NB - 1));
  p.chroma_location = static_cast<AVChromaLocation>(field(r, "chroma location", 0, AVCHROMA_LOC_NB - 1));
  p.sample_aspect_ratio.num = field(r, "sample aspect ratio", 0, kIntMax);
  p.sample_aspect_ratio.den = field(r, "sample aspect ratio", 0, kIntMax);
  p.video_delay = field(r, "video delay", 0, 1024);
  p.bits_per_coded_sample = field(r, "bits per coded sample", 0, 1024);
  p.bits_per_raw_sample = field(r, "bits per raw sample", 0, 1024);
  AVRational tb;
  tb.num = field(r, "time base", 1, kIntMax);
  tb.den = field(r, "time base", 1, kIntMax);
  const auto extradata = r.blob();
  if (extradata.size() > static_cast<std::size_t>(kIntMax - AV_INPUT_BUFFER_PADDING_SIZE))
    throw Error("corrupt packet stream: codec setup too large");
  av_freep(&p.extradata);
  p.extradata_size = 0;
  if (!extradata.empty()) {
    p.extradata = static_cast<std::uint8_t*>(av_mallocz(extradata.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!p.extradata) throw std::bad_alloc();
    std::memcpy(p.extradata, extradata.data(), extradata.size());
    p.extradata_size = static_cast<int>(extradata.size());
  }
  return tb;
}

}  // namespace

struct PacketEncoder::Impl {
  FrameEncoder encoder;
  std::string header;

  Impl(const EncoderSpec& spec, const WriterOptions& options, const std::filesystem::path& output)
      : encoder(spec, options, wants_global_header(output), output.string()) {
    const CodecParametersPtr params(avcodec_parameters_alloc());
    if (!params) throw std::bad_alloc();
    check_av(avcodec_parameters_from_context(params.get(), &encoder.codec()), "encoder parameters");
    header = serialise(*params, encoder.codec().time_base);
  }

  // Whether the final file's container keeps the codec setup in its header, so that every
  // segment's packets fit it.
  static bool wants_global_header(const std::filesystem::path& output) {
    const AVOutputFormat* container = av_guess_format(muxer_for(output), nullptr, nullptr);
    if (!container) throw InputError(fmt::format("{}: this libavformat has no muxer for it", output.string()));
    return (container->flags & AVFMT_GLOBALHEADER) != 0;
  }

  static void send(const AVPacket& packet, const PacketSink& sink) {
    Bytes b;
    b.i64(packet.pts);
    b.i64(packet.dts);
    b.i64(packet.duration);
    b.i64(packet.flags);
    b.blob(packet.data, static_cast<std::size_t>(packet.size));
    sink(b.text());
  }
};

PacketEncoder::PacketEncoder(const EncoderSpec& encoder, const WriterOptions& options, const std::filesystem::path& output)
    : impl_(std::make_unique<Impl>(encoder, options, output)) {}
PacketEncoder::~PacketEncoder() = default;
const std::string& PacketEncoder::stream_header() const { return impl_->header; }
void PacketEncoder::write(ConstFrameView frame, const PacketSink& sink) {
  impl_->encoder.write(frame, [&](AVPacket& p) { Impl::send(p, sink); });
}

void PacketEncoder::write(const PlanarFrame& frame, const PacketSink& sink) {
  impl_->encoder.write(frame, [&](AVPacket& p) { Impl::send(p, sink); });
}
std::vector<FrameView> PacketEncoder::frame_to_fill(NativeFrame& frame) const { return impl_->encoder.frame_to_fill(frame); }
void PacketEncoder::ready_to_fill(NativeFrame& frame) const { impl_->encoder.ready_to_fill(frame); }
void PacketEncoder::write(NativeFrame& frame, const PacketSink& sink) {
  impl_->encoder.write(frame, [&](AVPacket& p) { Impl::send(p, sink); });
}
void PacketEncoder::finish(const PacketSink& sink) {
  impl_->encoder.finish([&](AVPacket& p) { Impl::send(p, sink); });
}

namespace {

// How many frames the stream's decoder holds back before its first output: the encoder's declared
// depth, or, where the encoder declares none through libavcodec (libx265), what its headers tell
// a decoder opened on them (the SPS's reorder count). The headers are the global ones, or, in a
// container that keeps none (MPEG-TS), `in_band`: the stream's first packet, which carries them.
int reorder_depth(const AVCodecParameters& par, std::string_view in_band = {}) {
  int depth = par.video_delay;
  const AVCodec* codec = avcodec_find_decoder(par.codec_id);
  if (!codec || (par.extradata_size == 0 && in_band.empty())) return depth;
  CodecContextPtr decoder(avcodec_alloc_context3(codec));
  if (!decoder || avcodec_parameters_to_context(decoder.get(), &par) < 0) return depth;
  if (par.extradata_size == 0) {
    if (in_band.size() > static_cast<std::size_t>(kIntMax - AV_INPUT_BUFFER_PADDING_SIZE)) return depth;
    decoder->extradata = static_cast<std::uint8_t*>(av_mallocz(in_band.size() + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!decoder->extradata) throw std::bad_alloc();
    std::memcpy(decoder->extradata, in_band.data(), in_band.size());
    decoder->extradata_size = static_cast<int>(in_band.size());
  }
  decoder->has_b_frames = 0;  // copied from video_delay: only what the headers say
  if (avcodec_open2(decoder.get(), codec, nullptr) == 0) depth = std::max(depth, decoder->has_b_frames);
  return depth;
}

}  // namespace

struct PartMuxer::Impl {
  std::filesystem::path path;
  Rational frame_rate;
  FrameTimes times;
  Presentation shown;
  AtomicFile file;  // declared before the muxer so an unfinished file is closed, then removed
  std::optional<OutputMuxer> muxer;  // opened by the first part, whose header it needs
  AVStream* stream = nullptr;
  std::string first_header;
  AVRational codec_tb{0, 1};
  PacketPtr packet = make_packet();
  std::int64_t frames = 0;        // packets muxed in finished parts
  std::int64_t part_first = -1;   // the current part's first frame, -1 between parts
  std::int64_t part_count = 0;
  std::int64_t part_packets = 0;
  std::optional<std::int64_t> decode_delay;  // frames by which decoding leads presentation
  int reorder = 0;                           // the stream's declared reorder depth (reorder_depth)
  bool finished = false;

  Impl(std::filesystem::path p, Rational rate, FrameTimes t, Presentation s)
      : path(std::move(p)), frame_rate(rate), times(std::move(t)), shown(std::move(s)), file(path) {
    init_libav_logging();
    muxer_for(path);
  }

  std::string context(std::string_view what) const { return fmt::format("{}: {}", path.string(), what); }

  void open(std::string_view header) {
    muxer.emplace(path, file.temp_path(), muxer_for(path));
    stream = &muxer->new_stream();
    codec_tb = deserialise(header, *stream->codecpar);
    stream->codecpar->codec_tag = 0;
    stream->time_base = codec_tb;
    record_frame_rate(*stream, times, frame_rate);
    stream->sample_aspect_ratio = stream->codecpar->sample_aspect_ratio;  // where muxers look for it (Matroska's display size)
    show_on(*stream, {.sample_aspect = shown.sample_aspect, .display_matrix = shown.display_matrix});  // the input's, not the encoder's rounding
    reorder = reorder_depth(*stream->codecpar);
    muxer->start();
    first_header = header;
  }

  void begin_part(std::string_view header, std::int64_t first, std::int64_t count) {
    if (part_first >= 0) throw Error(context("a part began before the previous one ended"));
    if (first != frames) throw Error(context(fmt::format("part starting at frame {} came where frame {} was due", first, frames)));
    if (count < 1) throw Error(context("an empty part"));
    if (!muxer) open(header);
    else if (header != first_header)
      throw Error(context(fmt::format("the part starting at frame {} was encoded with other codec parameters", first)));
    part_first = first;
    part_count = count;
    part_packets = 0;
  }

  void write(std::string_view bytes) {
    if (part_first < 0) throw Error(context("a packet outside any part"));
    if (part_packets == part_count)
      throw Error(context(fmt::format("the part starting at frame {} has more than its {} packets", part_first, part_count)));
    Reader r(bytes);
    const std::int64_t pts = r.i64();
    const std::int64_t dts = r.i64();
    const std::int64_t duration = r.i64();
    const int flags = field(r, "packet flags", 0, kIntMax);
    const auto data = r.blob();
    // One decode delay for every part: the encoder's declared reorder depth, which one encoder
    // setup gives them all, or the first packet's, where larger. The first packet alone was not
    // enough: a part of two frames has no B-frame and no delay, the next part of three frames has
    // both (found 5 December 2026 by a hostile-input sweep: x265 and x264-medium in three chunks
    // of a 7-frame clip, "would decode after it is shown"). The n-th packet of a part decodes at
    // its n-th frame's time less that delay, so decode times rise strictly across joins.
    //
    // A container without a global header (MPEG-TS) gave reorder_depth no headers when the muxer
    // opened, so x265's depth read 0: at a variable rate, where decode times count frames by that
    // depth alone, and in a part too short for B-frames, packets then decoded after they were shown
    // (found 6 December 2026 by a sweep, x265 into .ts from in-memory and tbb-chunks). The output's
    // first packet, a keyframe, carries the headers in band; read once per output.
    if (!decode_delay) {
      if (reorder == 0 && stream->codecpar->extradata_size == 0) reorder = reorder_depth(*stream->codecpar, data);
      decode_delay = std::max<std::int64_t>({0, part_first - (dts == AV_NOPTS_VALUE ? pts : dts), reorder});
    }
    const std::int64_t new_dts = decode_time(part_first + part_packets);
    if (pts == AV_NOPTS_VALUE || new_dts > pts)
      throw Error(context(fmt::format("packet {} of the part starting at frame {} would decode after it is shown", part_packets,
                                      part_first)));
    check_av(av_new_packet(packet.get(), static_cast<int>(data.size())), context("packet"));
    std::memcpy(packet->data, data.data(), data.size());
    packet->pts = av_rescale_q(pts, codec_tb, stream->time_base);
    packet->dts = av_rescale_q(new_dts, codec_tb, stream->time_base);
    packet->duration = rescaled_duration(pts, duration, codec_tb, stream->time_base);
    packet->flags = flags;
    packet->stream_index = stream->index;
    muxer->write(*packet);
    ++part_packets;
  }

  // When the frame_index-th packet decodes. At a variable rate the delay is counted in frames (the
  // encoder's reorder depth) on the input's timeline, before its start at its first spacing.
  std::int64_t decode_time(std::int64_t frame_index) const {
    if (!times.variable()) return frame_index - *decode_delay;
    const std::int64_t at = frame_index - reorder;
    if (at >= static_cast<std::int64_t>(times.pts.size())) throw Error(context(fmt::format("frame {} is past the input's frames", at)));
    if (at >= 0) return times.pts[static_cast<std::size_t>(at)];
    return times.pts[0] + at * (times.pts[1] - times.pts[0]);
  }

  void end_part() {
    if (part_first < 0) throw Error(context("end of a part that did not begin"));
    if (part_packets != part_count)
      throw Error(context(fmt::format("the part starting at frame {} has {} packets, expected {}", part_first, part_packets,
                                      part_count)));
    frames += part_count;
    part_first = -1;
  }

  void finish() {
    if (finished) return;
    if (!muxer) throw Error(context("no parts to mux"));
    if (part_first >= 0) throw Error(context("finished inside a part"));
    muxer->finish();
    file.commit();
    finished = true;
  }
};

PartMuxer::PartMuxer(const std::filesystem::path& output, Rational frame_rate, FrameTimes times, Presentation shown)
    : impl_(std::make_unique<Impl>(output, frame_rate, std::move(times), std::move(shown))) {}
PartMuxer::~PartMuxer() = default;
void PartMuxer::begin_part(std::string_view header, std::int64_t first, std::int64_t count) { impl_->begin_part(header, first, count); }
void PartMuxer::write(std::string_view packet) { impl_->write(packet); }
void PartMuxer::end_part() { impl_->end_part(); }
void PartMuxer::finish() { impl_->finish(); }
std::int64_t PartMuxer::frames_written() const { return impl_->frames; }

}  // namespace framebench::media
