#include "strategies/segment_worker.hpp"

#include <exception>
#include <optional>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/stopwatch.hpp"
#include "core/subprocess.hpp"
#include "kernels/implementation.hpp"
#include "media/packet_stream.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/opencv_videoio.hpp"
#include "strategies/worker_protocol.hpp"

namespace framebench::strategies {

namespace {

std::string read_all(int fd) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto n = read_full(fd, buffer, sizeof buffer);
    text.append(buffer, n);
    if (n < sizeof buffer) return text;
  }
}

WorkerStatus run_job(const WorkerJob& job, int out_fd) {
  WorkerStatus status;
  double decode = 0, filter = 0, encode = 0, transfer = 0;
  const Segment& seg = job.segment;
  const auto& info = job.input;
  const auto& encoder = media::encoder(job.encoder);
  std::optional<media::VideoReader> reader;
  {
    ScopedTimer t(decode);
    reader.emplace(info, media::ReaderOptions{.threads = job.threads});
    if (seg.first > 0) reader->seek(seg.first);
  }
  auto kernel = kernels::make_fast_filter(job.kernel);
  Frame in, out(info.width, info.height);
  media::WriterOptions options{.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = job.threads};

  // One of two outputs: a part file in the parent's scratch, or packets on our stdout.
  std::optional<media::VideoWriter> writer;
  std::optional<media::PacketEncoder> packets;
  const media::PacketSink send = [&](std::string_view packet) {
    ScopedTimer t(transfer);
    write_record(out_fd, RecordType::packet, packet);
  };
  {
    ScopedTimer t(encode);
    if (job.output_kind == WorkerJob::Output::packets) {
      options.first_frame_index = seg.first;  // packets go straight into the whole video's timeline
      packets.emplace(encoder, options, job.output);
    } else {
      writer.emplace(job.output, encoder, options);  // a standalone part: concat shifts it into place
    }
  }
  if (packets) {
    ScopedTimer t(transfer);
    write_record(out_fd, RecordType::stream_header, packets->stream_header());
  }
  for (std::int64_t i = 0; i < seg.count; ++i) {
    {
      ScopedTimer t(decode);
      if (!reader->read(in))
        throw Error(fmt::format("{}: the input ended at frame {}, inside segment {}-{}", info.path.string(), seg.first + i, seg.first,
                                seg.last()));
    }
    {
      ScopedTimer t(filter);
      kernel->apply(in.view(), out.view());
    }
    const double sent_before = transfer;
    {
      ScopedTimer t(encode);
      if (packets) packets->write(out.view(), send);
      else writer->write(out.view());
    }
    encode -= transfer - sent_before;  // time on the pipe is transfer, not encode
    ++status.frames;
  }
  const double sent_before = transfer;
  {
    ScopedTimer t(encode);
    if (packets) packets->finish(send);
    else writer->finish();
  }
  encode -= transfer - sent_before;
  status.frames_discarded = reader->frames_discarded();
  status.stages = {{"decode", decode}, {"filter", filter}, {"encode", encode}, {"transfer", transfer}};
  return status;
}

}  // namespace

int run_segment_worker(int in_fd, int out_fd) {
  WorkerStatus status;
  try {
    const WorkerJob job = worker_job_from_json(read_all(in_fd));
    status = job.output_kind == WorkerJob::Output::opencv_videoio ? run_opencv_videoio(job) : run_job(job, out_fd);
  } catch (const std::exception& e) {
    status.error = e.what();
  }
  try {
    write_record(out_fd, RecordType::status, to_json(status));
  } catch (const std::exception&) {
    return 1;  // the parent has gone; nobody is left to tell
  }
  return status.error.empty() ? 0 : 1;
}

}  // namespace framebench::strategies
