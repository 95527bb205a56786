#include "media/libav.hpp"
#include "media/libav_log.hpp"

#include <cstdlib>
#include <mutex>
#include <new>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/result_text.hpp"
#include "media/av_error.hpp"
#include "media/container.hpp"
#include "media/file_url.hpp"

namespace framebench::media {
namespace fs = std::filesystem;

FramePtr make_frame() {
  FramePtr f(av_frame_alloc());
  if (!f) throw std::bad_alloc();
  return f;
}

PacketPtr make_packet() {
  PacketPtr p(av_packet_alloc());
  if (!p) throw std::bad_alloc();
  return p;
}

namespace {

constexpr std::pair<std::string_view, int> kLogLevels[] = {
    {"quiet", AV_LOG_QUIET}, {"panic", AV_LOG_PANIC},     {"fatal", AV_LOG_FATAL}, {"error", AV_LOG_ERROR}, {"warning", AV_LOG_WARNING},
    {"info", AV_LOG_INFO},   {"verbose", AV_LOG_VERBOSE}, {"debug", AV_LOG_DEBUG}, {"trace", AV_LOG_TRACE}};

}  // namespace

void init_libav_logging() {
  static std::once_flag once;
  std::call_once(once, [] {
    int level = AV_LOG_FATAL;
    if (const char* name = std::getenv("FRAMEBENCH_AV_LOG"))
      for (const auto& [n, l] : kLogLevels)
        if (n == name) level = l;
    av_log_set_level(level);
  });
}

std::string libav_log_setting_problem() {
  const char* name = std::getenv("FRAMEBENCH_AV_LOG");
  if (!name) return {};
  for (const auto& [n, l] : kLogLevels)
    if (n == name) return {};
  return fmt::format("FRAMEBENCH_AV_LOG='{}' is no libav log level (quiet, panic, fatal, error, warning, info, verbose, debug, trace): "
                     "libav says only what is fatal",
                     one_printable_line(name));
}

InputContextPtr open_input(const fs::path& path) {
  init_libav_logging();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!fs::exists(status)) throw InputError(fmt::format("{}: no such file", path.string()));
  if (fs::is_directory(status)) throw InputError(fmt::format("{}: is a directory, not a video file", path.string()));
  if (fs::is_regular_file(status) && fs::file_size(path, ec) == 0 && !ec)
    throw InputError(fmt::format("{}: empty file, not a video", path.string()));

  AVFormatContext* raw = nullptr;
  AVDictionary* options = nullptr;
  av_dict_set(&options, "protocol_whitelist", kInputProtocols, 0);
  const int open_rc = avformat_open_input(&raw, file_url(path).c_str(), nullptr, &options);
  av_dict_free(&options);
  if (const int rc = open_rc; rc < 0) {
    if (rc == AVERROR_INVALIDDATA)
      throw InputError(fmt::format("{}: not a video file ({})", path.string(), av_error_text(rc)));
    throw InputError(fmt::format("{}: cannot open ({})", path.string(), av_error_text(rc)));
  }
  InputContextPtr format(raw);
  // The tty demuxer presents any text file as an "ANSI art" video; nobody means that here.
  if (std::string_view(format->iformat->name) == "tty")
    throw InputError(fmt::format("{}: not a video file (it is text)", path.string()));
  if (const int rc = avformat_find_stream_info(format.get(), nullptr); rc < 0)
    throw InputError(fmt::format("{}: cannot read its streams ({})", path.string(), av_error_text(rc)));
  return format;
}

int first_video_stream(const AVFormatContext* format) {
  for (unsigned i = 0; i < format->nb_streams; ++i) {
    const AVStream* s = format->streams[i];
    if (s->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(s->disposition & AV_DISPOSITION_ATTACHED_PIC))
      return static_cast<int>(i);
  }
  return -1;
}

CodecContextPtr open_counting_decoder(const AVStream& stream, int threads, const fs::path& path) {
  const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
  if (!codec) throw InputError(fmt::format("{}: no decoder for '{}'", path.string(), avcodec_get_name(stream.codecpar->codec_id)));
  CodecContextPtr decoder(avcodec_alloc_context3(codec));
  if (!decoder) throw std::bad_alloc();
  check_av(avcodec_parameters_to_context(decoder.get(), stream.codecpar), fmt::format("{}: decoder parameters", path.string()));
  decoder->pkt_timebase = stream.time_base;
  decoder->thread_count = threads;
  decoder->thread_type = threads == 1 ? 0 : FF_THREAD_FRAME | FF_THREAD_SLICE;
  decoder->flags |= AV_CODEC_FLAG_OUTPUT_CORRUPT;
  decoder->flags2 |= AV_CODEC_FLAG2_SHOW_ALL;
  check_av(avcodec_open2(decoder.get(), codec, nullptr), fmt::format("{}: cannot open the decoder", path.string()));
  return decoder;
}

const std::vector<ContainerExtension>& container_extensions() {
  static const std::vector<ContainerExtension> all = {
      {".mp4", "mp4"}, {".mkv", "matroska"}, {".avi", "avi"}, {".ts", "mpegts"}, {".nut", "nut"}};
  return all;
}

const char* muxer_for(const fs::path& path) {
  const std::string ext = path.extension().string();
  for (const auto& c : container_extensions())
    if (ext == c.extension) return c.muxer;
  const auto known = written_extensions();
  const std::string accepted = fmt::format("use {} or {}", fmt::join(known.begin(), known.end() - 1, ", "), known.back());
  if (ext.empty()) throw InputError(fmt::format("{}: no file extension to choose a container by ({})", path.string(), accepted));
  throw InputError(fmt::format("{}: unsupported extension '{}' ({})", path.string(), ext, accepted));
}

SwsFormat sws_format(AVPixelFormat format, AVColorRange range) {
  switch (format) {
    case AV_PIX_FMT_YUVJ420P: return {AV_PIX_FMT_YUV420P, true};
    case AV_PIX_FMT_YUVJ422P: return {AV_PIX_FMT_YUV422P, true};
    case AV_PIX_FMT_YUVJ444P: return {AV_PIX_FMT_YUV444P, true};
    case AV_PIX_FMT_YUVJ440P: return {AV_PIX_FMT_YUV440P, true};
    case AV_PIX_FMT_YUVJ411P: return {AV_PIX_FMT_YUV411P, true};
    default: return {format, range == AVCOL_RANGE_JPEG};
  }
}

}  // namespace framebench::media
