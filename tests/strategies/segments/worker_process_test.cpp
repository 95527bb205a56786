#include "strategies/segments/worker_process.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include "core/subprocess.hpp"
#include "kernels/kernel_spec.hpp"
#include "strategies/segments/protocol.hpp"

namespace framebench::strategies {
namespace {

// Runs the worker on `stdin_bytes`; returns its exit status and its records.
std::pair<int, std::vector<RecordReader::Record>> run_worker_on_bytes(const std::string& stdin_bytes) {
  int in[2], out[2];
  EXPECT_EQ(::pipe(in), 0);
  EXPECT_EQ(::pipe(out), 0);
  UniqueFd in_read(in[0]), in_write(in[1]), out_read(out[0]), out_write(out[1]);
  write_full(in_write.get(), stdin_bytes.data(), stdin_bytes.size());
  in_write.reset();
  const int status = run_segment_worker(in_read.get(), out_write.get());
  out_write.reset();
  const std::string bytes = read_to_end(out_read.get());
  RecordReader reader;
  reader.feed(bytes.data(), bytes.size());
  std::vector<RecordReader::Record> records;
  while (auto r = reader.next()) records.push_back(std::move(*r));
  EXPECT_TRUE(reader.empty());
  return {status, records};
}

// Runs the worker on one job record holding `job_text`.
std::pair<int, std::vector<RecordReader::Record>> run_worker_on(const std::string& job_text) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  write_record(write_end.get(), RecordType::job, job_text);
  write_end.reset();
  return run_worker_on_bytes(read_to_end(read_end.get()));
}

TEST(WorkerProcess, NoJobsIsACleanEnd) {
  const auto [status, records] = run_worker_on_bytes("");
  EXPECT_EQ(status, 0);
  EXPECT_TRUE(records.empty());
}

TEST(WorkerProcess, StdinThatIsNotJobRecordsFailsSayingSo) {
  for (const std::string& bytes : {std::string("{\"kind\": 1}"), std::string("J\x05")}) {
    const auto [status, records] = run_worker_on_bytes(bytes);
    EXPECT_EQ(status, 1);
    ASSERT_EQ(records.size(), 1u);
    const auto report = worker_status_from_json(records[0].payload);
    EXPECT_NE(report.error.find("worker"), std::string::npos) << report.error;
  }
}

TEST(WorkerProcess, ABadJobEndsInAFailedStatusNotACrash) {
  const auto [status, records] = run_worker_on("{\"kind\": \"segment_to_part_file\"");
  EXPECT_EQ(status, 1);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].type, RecordType::status);
  const auto report = worker_status_from_json(records[0].payload);
  EXPECT_EQ(report.frames, 0);
  EXPECT_NE(report.error.find("bad job on stdin"), std::string::npos) << report.error;
}

TEST(WorkerProcess, AMissingInputFailsNamingIt) {
  WorkerJob job;
  job.kind = WorkerJob::Kind::segment_to_part_file;
  job.input.path = "/nonexistent/framebench-input.mp4";
  job.input.width = 64;
  job.input.height = 48;
  job.input.frame_rate = {25, 1};
  job.input.time_base = {1, 25};
  job.input.frame_count = 10;
  job.input.frame_pts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  job.input.keyframes = {0};
  job.input.keyframe_pos = {0};
  job.input.keyframe_seek_ts = {0};
  job.input.keyframe_clean = {true};
  job.segment = {0, 0, 10};
  job.kernel = kernels::make_kernel("box3");
  job.encoder = "ffv1";
  job.output = "/nonexistent/part.mkv";
  const auto [status, records] = run_worker_on(to_json(job));
  EXPECT_EQ(status, 1);
  ASSERT_EQ(records.size(), 1u);
  const auto report = worker_status_from_json(records[0].payload);
  EXPECT_NE(report.error.find("/nonexistent/framebench-input.mp4"), std::string::npos) << report.error;
}

}  // namespace
}  // namespace framebench::strategies
