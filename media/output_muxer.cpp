#include "media/output_muxer.hpp"

#include <new>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/file_url.hpp"

namespace framebench::media {

OutputMuxer::OutputMuxer(std::filesystem::path shown_as, const std::filesystem::path& written_to, const char* container)
    : shown_as_(std::move(shown_as)), written_to_(written_to) {
  AVFormatContext* raw = nullptr;
  check_av(avformat_alloc_output_context2(&raw, nullptr, container, written_to.c_str()), context("muxer"));
  muxer_.reset(raw);
  muxer_->flags |= AVFMT_FLAG_BITEXACT;
}

AVStream& OutputMuxer::new_stream() {
  AVStream* stream = avformat_new_stream(muxer_.get(), nullptr);
  if (!stream) throw std::bad_alloc();
  return *stream;
}

void OutputMuxer::start() {
  if (!(muxer_->oformat->flags & AVFMT_NOFILE)) {
    const int rc = avio_open(&muxer_->pb, file_url(written_to_).c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) throw Error(context(fmt::format("cannot create ({})", av_error_text(rc))));
  }
  check_av(avformat_write_header(muxer_.get(), nullptr), context("cannot write the header"));
}

void OutputMuxer::write(AVPacket& packet) { check_av(av_interleaved_write_frame(muxer_.get(), &packet), context("write")); }

void OutputMuxer::finish() {
  check_av(av_write_trailer(muxer_.get()), context("cannot write the trailer"));
  if (muxer_->pb && !(muxer_->oformat->flags & AVFMT_NOFILE)) check_av(avio_closep(&muxer_->pb), context("close"));
}

std::string OutputMuxer::context(std::string_view what) const { return fmt::format("{}: {}", shown_as_.string(), what); }

}  // namespace framebench::media
