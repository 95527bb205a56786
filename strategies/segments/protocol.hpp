#pragma once
// What passes between a parent and its worker processes, both ways as a stream of records:
// [type: 1 byte][payload length: 8 bytes, native order][payload]. The parent writes to the
// worker's stdin, one chunk at a time, a job record (a WorkerJob as JSON) and then chunk records
// (the next chunk and its output: the rest is as in the job before), and closes it when there are
// no more; for each the worker answers on its stdout with a stream header and packets
// (segment_to_packets only: the encoded chunk itself) and, last, a status (JSON). Both ends are
// this binary, so the format needs no versioning, but a malformed message is rejected with an
// error saying what is wrong, never trusted.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "strategies/segments/job.hpp"

namespace framebench::strategies {

enum class RecordType : char { job = 'J', chunk = 'C', stream_header = 'H', packet = 'P', status = 'S' };

std::string to_json(const WorkerJob& job);
// Throws InputError naming what is missing or wrong.
WorkerJob worker_job_from_json(std::string_view text);
// A chunk record: the chunk and where it writes.
std::string chunk_to_json(const Segment& chunk, const std::filesystem::path& output);
// `job` made to do the chunk of a chunk record. Throws InputError naming what is wrong, and
// leaves `job` as it was.
void apply_chunk_json(std::string_view text, WorkerJob& job);
std::string to_json(const WorkerStatus& status);
// Throws Error naming what is missing or wrong.
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
  // The next whole record, or nullopt until more bytes arrive. Throws Error for a record type
  // that does not exist.
  std::optional<Record> next();
  // No partial record is waiting.
  bool empty() const { return buffer_.size() == start_; }

 private:
  std::string buffer_;
  std::size_t start_ = 0;
};

}  // namespace framebench::strategies
