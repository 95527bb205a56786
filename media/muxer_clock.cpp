#include "media/muxer_clock.hpp"

#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "media/container.hpp"
#include "media/frame_times.hpp"
#include "media/libav.hpp"

namespace framebench::media {

namespace {

// A muxer writing into memory, its buffer freed whatever happens.
struct MemoryMuxer {
  AVFormatContext* context = nullptr;
  ~MemoryMuxer() {
    if (!context) return;
    if (context->pb) {
      std::uint8_t* bytes = nullptr;
      avio_close_dyn_buf(context->pb, &bytes);
      av_free(bytes);
      context->pb = nullptr;
    }
    avformat_free_context(context);
  }
};

// The first two frames shown at different times that `clock` puts on one tick (their indices).
std::optional<std::size_t> first_merged(const FrameTimes& times, Rational clock) {
  for (std::size_t i = 1; i < times.pts.size(); ++i)
    if (times.pts[i] != times.pts[i - 1] &&
        av_rescale_q(times.pts[i], to_av(times.time_base), to_av(clock)) == av_rescale_q(times.pts[i - 1], to_av(times.time_base), to_av(clock)))
      return i - 1;
  return std::nullopt;
}

}  // namespace

Rational muxer_time_base(const std::filesystem::path& output, const EncoderSpec& encoder, int width, int height, Rational wanted) {
  const AVCodec* codec = avcodec_find_encoder_by_name(encoder.codec.c_str());
  if (!codec) return wanted;
  MemoryMuxer muxer;
  if (avformat_alloc_output_context2(&muxer.context, nullptr, muxer_for(output), nullptr) < 0) return wanted;
  AVStream* stream = avformat_new_stream(muxer.context, nullptr);
  if (!stream) return wanted;
  stream->codecpar->codec_type = AVMEDIA_TYPE_VIDEO;
  stream->codecpar->codec_id = codec->id;
  stream->codecpar->width = width;
  stream->codecpar->height = height;
  stream->time_base = to_av(wanted);
  if (avio_open_dyn_buf(&muxer.context->pb) < 0) return wanted;
  if (avformat_write_header(muxer.context, nullptr) < 0) return wanted;
  return from_av(stream->time_base);
}

std::string muxer_clock_problem(const std::filesystem::path& output, const EncoderSpec& encoder, int width, int height,
                                const FrameTimes& times) {
  if (!times.variable()) return {};
  const Rational clock = muxer_time_base(output, encoder, width, height, times.time_base);
  const auto merged = first_merged(times, clock);
  if (!merged) return {};
  std::vector<std::string> keeping;
  for (const auto& c : container_extensions()) {
    const auto other = std::filesystem::path(output).replace_extension(c.extension);
    if (c.extension != output.extension() && container_problem(encoder, other).empty() &&
        !first_merged(times, muxer_time_base(other, encoder, width, height, times.time_base)))
      keeping.emplace_back(c.extension);
  }
  const std::size_t i = *merged;
  const double apart_ms = static_cast<double>(times.pts[i + 1] - times.pts[i]) * times.time_base.value() * 1000;
  return fmt::format("{}: its container counts this stream's times in ticks of {}/{} s, which would show frames {} and {}, {:.3g} ms "
                     "apart, at one time; {}",
                     output.string(), clock.num, clock.den, i, i + 1, apart_ms,
                     keeping.empty() ? std::string("no container framebench writes keeps them apart")
                                     : fmt::format("write {}", fmt::join(keeping, " or ")));
}

}  // namespace framebench::media
