#include "strategies/segments/worker_process.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/stopwatch.hpp"
#include "core/subprocess.hpp"
#include "media/output_encoding.hpp"
#include "media/packet_stream.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"
#include "strategies/frame_loop.hpp"
#include "strategies/frame_slot.hpp"
#include "strategies/segments/protocol.hpp"
#include "strategies/slot_filter.hpp"

namespace framebench::strategies {

namespace {

// Where a segment's encoded frames go: a standalone part file, which concat shifts into place,
// or packets on `out_fd` stamped with the whole video's frame indices. Time spent sending
// packets is booked to `transfer`.
class SegmentOutput {
 public:
  SegmentOutput(const WorkerJob& job, int out_fd, double& transfer)
      : send_([out_fd, &transfer](std::string_view packet) {
          ScopedTimer t(transfer);
          write_record(out_fd, RecordType::packet, packet);
        }) {
    const auto& info = job.input;
    const auto encoder = media::encoder_for_path(media::encoder(job.encoder), job.pixels, info);
    media::WriterOptions options{.width = info.width, .height = info.height, .frame_rate = info.frame_rate, .threads = job.threads,
                                 .times = media::FrameTimes::of(info),
                                 .presentation = media::output_presentation(info, job.pixels, encoder)};
    // A variable-rate part is stamped with its own frames' times, wherever it goes.
    if (options.times.variable()) options.first_frame_index = job.segment.first;
    if (job.kind == WorkerJob::Kind::segment_to_packets) {
      options.first_frame_index = job.segment.first;
      packets_.emplace(encoder, options, job.output);
      ScopedTimer t(transfer);
      write_record(out_fd, RecordType::stream_header, packets_->stream_header());
    } else {
      writer_.emplace(job.output, encoder, options);
    }
  }

  void write(const PlanarFrame& frame) {
    if (packets_) packets_->write(frame, send_);
    else writer_->write(frame);
  }
  std::vector<FrameView> frame_to_fill(media::NativeFrame& frame) const {
    return packets_ ? packets_->frame_to_fill(frame) : writer_->frame_to_fill(frame);
  }
  void ready_to_fill(media::NativeFrame& frame) const {
    if (packets_) packets_->ready_to_fill(frame);
    else writer_->ready_to_fill(frame);
  }
  void write(media::NativeFrame& frame) {
    if (packets_) packets_->write(frame, send_);
    else writer_->write(frame);
  }

  void finish() {
    if (packets_) packets_->finish(send_);
    else writer_->finish();
  }

 private:
  media::PacketSink send_;
  std::optional<media::VideoWriter> writer_;
  std::optional<media::PacketEncoder> packets_;
};

WorkerStatus run_segment(const WorkerJob& job, int out_fd) {
  const Segment& seg = job.segment;
  const auto& info = job.input;
  LoopSeconds seconds;
  double transfer = 0;
  std::optional<media::VideoReader> reader;
  {
    ScopedTimer t(seconds.decode);
    const media::ReaderOptions options{.threads = job.threads, .pixels = job.pixels, .starts_mid_stream = job.clip_first > 0};
    if (job.clip.empty()) reader.emplace(info, options);
    else reader.emplace(media::probe(job.clip), options);
    if (seg.first > 0) reader->seek(seg.first - job.clip_first);  // a copy's reader is always placed by seek
  }
  std::optional<SegmentOutput> output;
  {
    ScopedTimer t(seconds.encode);
    output.emplace(job, out_fd, transfer);
  }
  const SlotPath path = slot_path(job.pixels);
  SlotFilter filter(job.kernel, path);
  FrameSlot slot;
  std::int64_t next = seg.first;
  WorkerStatus status;
  const auto decode = [&] {
    if (next > seg.last()) return false;
    if (!slot.read(*reader, *output, path))
      throw Error(fmt::format("{}: the input ended at frame {}, inside segment {}-{}", info.path.string(), next, seg.first, seg.last()));
    ++next;
    return true;
  };
  // The boundary hashes are of the frames the filter read: on bgr24_bands, converted inside it.
  const auto filter_frame = [&] {
    filter.apply(slot);
    if (next - 1 - seg.first < head_frames(seg)) status.boundary.head.push_back(hash_pixels(filter.input_planes(slot)));
  };
  status.frames = decode_filter_encode(seconds, decode, filter_frame, [&] { slot.write(*output, path); });
  {
    ScopedTimer t(seconds.decode);
    read_tail(*reader, slot, path, seg, info.frame_count, status.boundary);
  }
  {
    ScopedTimer t(seconds.encode);
    output->finish();
  }
  seconds.encode -= transfer;  // every send happens inside the encoder's calls: it is transfer, not encode
  status.frames_discarded = reader->frames_discarded();
  status.stages = seconds.stages();
  seconds_of(status.stages, Stage::transfer) = transfer;
  return status;
}

WorkerStatus run_job(const WorkerJob& job, int out_fd) {
  switch (job.kind) {
    case WorkerJob::Kind::segment_to_part_file:
    case WorkerJob::Kind::segment_to_packets: return run_segment(job, out_fd);
    case WorkerJob::Kind::opencv_videoio:
      throw Error("worker: opencv-videoio's job runs in its own worker executable, framebench-opencv-videoio");
  }
  throw Error(fmt::format("worker: job kind {} has no runner", static_cast<int>(job.kind)));
}

// The next job from `in_fd` into `job` (a job record, or a chunk record for the job before); false
// when the parent has closed it between jobs.
bool next_job(int in_fd, RecordReader& reader, std::optional<WorkerJob>& job) {
  std::vector<char> buffer(1 << 16);
  for (;;) {
    std::optional<RecordReader::Record> record;
    try {
      record = reader.next();
    } catch (const Error& e) {
      throw InputError(fmt::format("worker: bad job on stdin: {}", e.what()));
    }
    if (record && record->type == RecordType::job) {
      job = worker_job_from_json(record->payload);
      return true;
    }
    if (record && record->type == RecordType::chunk) {
      if (!job) throw InputError("worker: bad job on stdin: a chunk before any job");
      apply_chunk_json(record->payload, *job);
      return true;
    }
    if (record) throw InputError("worker: bad job on stdin: a record that is not a job");
    const ssize_t n = ::read(in_fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(fmt::format("worker: reading stdin: {}", std::strerror(errno)));
    if (n == 0) {
      if (!reader.empty()) throw InputError("worker: bad job on stdin: it ends inside a record");
      return false;
    }
    reader.feed(buffer.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace

WorkerStatus run_worker_job(const WorkerJob& job, int out_fd) {
  WorkerStatus status;
  try {
    return run_job(job, out_fd);
  } catch (const InputError& e) {
    status.error = e.what();
    status.bad_input = true;
  } catch (const std::exception& e) {
    status.error = e.what();
  }
  return status;
}

int run_segment_worker(int in_fd, int out_fd) { return serve_jobs(in_fd, out_fd, run_job); }

int serve_jobs(int in_fd, int out_fd, JobRunner run) {
  RecordReader records;
  std::optional<WorkerJob> job;
  for (;;) {
    WorkerStatus status;
    try {
      if (!next_job(in_fd, records, job)) return 0;
    } catch (const std::exception& e) {  // a message framebench wrote wrong: not the input's fault
      status.error = e.what();
    }
    if (status.error.empty()) try {
        status = run(*job, out_fd);
      } catch (const InputError& e) {  // the input, found bad part way (a frame size that changes)
        status.error = e.what();
        status.bad_input = true;
      } catch (const std::exception& e) {
        status.error = e.what();
      }
    try {
      write_record(out_fd, RecordType::status, to_json(status));
    } catch (const std::exception&) {
      return 1;  // the parent has gone; nobody is left to tell
    }
    if (!status.error.empty()) return 1;
  }
}

}  // namespace framebench::strategies
