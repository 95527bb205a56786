#pragma once
// What passes between a segment strategy and its worker processes (`framebench worker`, started
// by re-executing this binary). The parent writes one job, as JSON, to the worker's stdin; the
// worker answers on its stdout with a stream of records: [type: 1 byte][length: 8 bytes][payload].
// Record types: a stream header and packets (in-memory only: the encoded segment itself) and, last,
// a status (JSON: frames, stage seconds, or the error that stopped it).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"
#include "strategies/segment_plan.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

enum class RecordType : char { stream_header = 'H', packet = 'P', status = 'S' };

struct WorkerJob {
  // part_file, packets: a segment worker. opencv_videoio: the whole job the talk's way, in a
  // process of its own so that pinning OpenCV's threads to the budget cannot touch the harness.
  enum class Output { part_file, packets, opencv_videoio };
  Output output_kind = Output::part_file;
  media::VideoInfo input;
  Segment segment;
  kernels::KernelSpec kernel;
  std::string encoder;            // media::encoder() name
  std::filesystem::path output;   // the part file, or (packets) the final output, whose container the packets must fit
  int threads = 1;                // decoder and encoder threads (opencv_videoio: the core budget)
};

struct WorkerStatus {
  std::int64_t frames = 0;
  std::int64_t frames_discarded = 0;  // decoded only to reach the first frame (exact splits)
  StageSeconds stages;
  std::string error;                  // empty on success
};

std::string to_json(const WorkerJob& job);
WorkerJob worker_job_from_json(std::string_view text);
std::string to_json(const WorkerStatus& status);
WorkerStatus worker_status_from_json(std::string_view text);

void write_record(int fd, RecordType type, std::string_view payload);

// Splits bytes arriving from a pipe into records.
class RecordReader {
 public:
  struct Record {
    RecordType type;
    std::string payload;
  };
  void feed(const char* data, std::size_t size) { buffer_.append(data, size); }
  std::optional<Record> next();
  bool empty() const { return buffer_.size() == start_; }

 private:
  std::string buffer_;
  std::size_t start_ = 0;
};

}  // namespace framebench::strategies
