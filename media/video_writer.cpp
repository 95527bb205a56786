#include "media/video_writer.hpp"

#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/av_error.hpp"
#include "media/frame_encoder.hpp"
#include "media/frame_times.hpp"
#include "media/libav.hpp"
#include "media/output_muxer.hpp"
#include "media/presentation.hpp"

namespace framebench::media {

struct VideoWriter::Impl {
  std::filesystem::path path;
  AtomicFile file;  // declared before the muxer so an unfinished file is closed, then removed
  OutputMuxer muxer;
  AVStream* stream = nullptr;
  std::optional<FrameEncoder> encoder;
  bool finished = false;

  Impl(std::filesystem::path p, const EncoderSpec& spec, const WriterOptions& options)
      : path(std::move(p)), file(validated(path, spec, options)), muxer(path, file.temp_path(), muxer_for(path)),
        stream(&muxer.new_stream()) {
    // The same frames and settings give the same bytes (OutputMuxer), so generated files can be
    // checked by hash.
    encoder.emplace(spec, options, (muxer.container().flags & AVFMT_GLOBALHEADER) != 0, path.string());
    check_av(avcodec_parameters_from_context(stream->codecpar, &encoder->codec()), muxer.context("stream parameters"));
    show_on(*stream, options.presentation);
    stream->time_base = encoder->codec().time_base;
    record_frame_rate(*stream, options.times, options.frame_rate);
    muxer.start();
  }

  // Checks what the caller gave before anything is created; returns the path for AtomicFile.
  static std::filesystem::path validated(const std::filesystem::path& path, const EncoderSpec& spec, const WriterOptions& o) {
    muxer_for(path);  // throws InputError on an unknown extension
    FrameEncoder::validate(spec, o, path.string());
    return path;
  }

  void mux(AVPacket& packet) {
    const std::int64_t duration = rescaled_duration(packet.pts, packet.duration, encoder->codec().time_base, stream->time_base);
    av_packet_rescale_ts(&packet, encoder->codec().time_base, stream->time_base);
    packet.duration = duration;
    packet.stream_index = stream->index;
    muxer.write(packet);
  }

  template <typename In>
  void write(const In& in) {
    encoder->write(in, [this](AVPacket& p) { mux(p); });
  }

  void finish() {
    if (finished) return;
    encoder->finish([this](AVPacket& p) { mux(p); });
    muxer.finish();
    file.commit();
    finished = true;
  }
};

VideoWriter::VideoWriter(const std::filesystem::path& path, const EncoderSpec& encoder, WriterOptions options)
    : impl_(std::make_unique<Impl>(path, encoder, options)) {}
VideoWriter::~VideoWriter() = default;
void VideoWriter::write(ConstFrameView frame) { impl_->write(frame); }
void VideoWriter::write(const PlanarFrame& frame) { impl_->write(frame); }
std::vector<FrameView> VideoWriter::frame_to_fill(NativeFrame& frame) const { return impl_->encoder->frame_to_fill(frame); }
void VideoWriter::ready_to_fill(NativeFrame& frame) const { impl_->encoder->ready_to_fill(frame); }
void VideoWriter::write(NativeFrame& frame) { impl_->encoder->write(frame, [this](AVPacket& p) { impl_->mux(p); }); }
void VideoWriter::finish() { impl_->finish(); }
std::int64_t VideoWriter::frames_written() const { return impl_->encoder->frames_written(); }

}  // namespace framebench::media
