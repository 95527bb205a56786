#include "strategies/segments/protocol.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/subprocess.hpp"
#include "kernels/kernel_spec.hpp"

namespace framebench::strategies {
namespace {

media::VideoInfo some_input() {
  media::VideoInfo i;
  i.path = "/videos/in put.mp4";
  i.container = "mov,mp4,m4a,3gp,3g2,mj2";
  i.codec = "h264";
  i.pixel_format = "yuv420p";
  i.width = 641;
  i.height = 359;
  i.frame_rate = {30000, 1001};
  i.time_base = {1, 30000};
  i.presentation = {.sample_aspect = {4, 3},
                    .display_matrix = media::DisplayMatrix{0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30},  // a quarter turn
                    .color_range = 2, .color_space = 1, .color_primaries = 1, .color_trc = 1};
  i.frame_count = 5;
  i.duration_s = 5 * 1001 / 30000.0;
  i.has_b_frames = true;
  i.frame_pts = {0, 2002, 1001, 3003, 4004};
  i.last_frame_duration = 1001;
  i.keyframes = {0, 3};
  i.keyframe_pos = {-1, 48213};
  i.keyframe_seek_ts = {std::numeric_limits<std::int64_t>::min(), 2002};
  i.keyframe_clean = {true, false};
  return i;
}

WorkerJob some_job(WorkerJob::Kind kind, const char* kernel) {
  return {kind, some_input(), {2, 3, 2}, kernels::make_kernel(kernel), "x264-ultrafast", "/tmp/part-00002.mkv", 3};
}

void expect_same(const WorkerJob& a, const WorkerJob& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.input.path, b.input.path);
  EXPECT_EQ(a.input.container, b.input.container);
  EXPECT_EQ(a.input.codec, b.input.codec);
  EXPECT_EQ(a.input.pixel_format, b.input.pixel_format);
  EXPECT_EQ(a.input.width, b.input.width);
  EXPECT_EQ(a.input.height, b.input.height);
  EXPECT_EQ(a.input.frame_rate, b.input.frame_rate);
  EXPECT_EQ(a.input.time_base, b.input.time_base);
  EXPECT_EQ(a.input.presentation, b.input.presentation);
  EXPECT_EQ(a.input.frame_count, b.input.frame_count);
  EXPECT_DOUBLE_EQ(a.input.duration_s, b.input.duration_s);
  EXPECT_EQ(a.input.has_b_frames, b.input.has_b_frames);
  EXPECT_EQ(a.input.frame_pts, b.input.frame_pts);
  EXPECT_EQ(a.input.last_frame_duration, b.input.last_frame_duration);
  EXPECT_EQ(a.input.keyframes, b.input.keyframes);
  EXPECT_EQ(a.input.keyframe_pos, b.input.keyframe_pos);
  EXPECT_EQ(a.input.keyframe_seek_ts, b.input.keyframe_seek_ts);
  EXPECT_EQ(a.input.keyframe_clean, b.input.keyframe_clean);
  EXPECT_EQ(a.segment.index, b.segment.index);
  EXPECT_EQ(a.segment.first, b.segment.first);
  EXPECT_EQ(a.segment.count, b.segment.count);
  EXPECT_EQ(a.kernel.name, b.kernel.name);
  EXPECT_EQ(a.kernel.size, b.kernel.size);
  EXPECT_EQ(a.kernel.coefficients, b.kernel.coefficients);
  EXPECT_EQ(a.kernel.taps, b.kernel.taps);
  ASSERT_EQ(a.kernel.separable.has_value(), b.kernel.separable.has_value());
  if (a.kernel.separable) {
    EXPECT_EQ(a.kernel.separable->row, b.kernel.separable->row);
    EXPECT_EQ(a.kernel.separable->column, b.kernel.separable->column);
  }
  EXPECT_EQ(a.encoder, b.encoder);
  EXPECT_EQ(a.output, b.output);
  EXPECT_EQ(a.threads, b.threads);
}

TEST(WorkerProtocol, EveryJobKindRoundTrips) {
  for (const auto kind : {WorkerJob::Kind::segment_to_part_file, WorkerJob::Kind::segment_to_packets, WorkerJob::Kind::opencv_videoio})
    for (const char* kernel : {"gaussian5", "sharpen3", "custom:1,2,1,2,4,2,1,2,1/16"}) {
      SCOPED_TRACE(kernel);
      const WorkerJob job = some_job(kind, kernel);
      expect_same(worker_job_from_json(to_json(job)), job);
    }
  EXPECT_TRUE(kernels::make_kernel("gaussian5").separable.has_value()) << "the round trips above cover separable taps";
}

TEST(WorkerProtocol, AChunkRecordMovesAJobToItsChunkAndKeepsTheRest) {
  WorkerJob job = some_job(WorkerJob::Kind::segment_to_part_file, "box5");
  apply_chunk_json(chunk_to_json({7, 0, 2}, "/tmp/part-00007.mkv"), job);
  WorkerJob expected = some_job(WorkerJob::Kind::segment_to_part_file, "box5");
  expected.segment = {7, 0, 2};
  expected.output = "/tmp/part-00007.mkv";
  expect_same(job, expected);
}

TEST(WorkerProtocol, AChunkOutsideTheInputIsRejectedAndTheJobKept) {
  WorkerJob job = some_job(WorkerJob::Kind::segment_to_packets, "box3");
  for (const std::string& text : {chunk_to_json({1, 4, 2}, "/tmp/p.mkv"), chunk_to_json({1, -1, 1}, "/tmp/p.mkv"),
                                  chunk_to_json({1, 0, 1}, ""), std::string("{\"segment\": [1, 2]}"), std::string("[")}) {
    try {
      apply_chunk_json(text, job);
      FAIL() << "accepted " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad chunk on stdin"), std::string::npos) << e.what();
    }
  }
  expect_same(job, some_job(WorkerJob::Kind::segment_to_packets, "box3"));
}

TEST(WorkerProtocol, StatusRoundTripsWithAndWithoutError) {
  WorkerStatus done{120, 7, {{"decode", 1.5}, {"filter", 0.25}, {"encode", 3.0}, {"transfer", 0.125}},
                    {{1, 0xffffffffffffffffu, 3}, {42}}, ""};
  const auto back = worker_status_from_json(to_json(done));
  EXPECT_EQ(back.frames, 120);
  EXPECT_EQ(back.boundary.head, done.boundary.head);
  EXPECT_EQ(back.boundary.tail, done.boundary.tail);
  EXPECT_EQ(back.frames_discarded, 7);
  EXPECT_EQ(back.stages, done.stages);
  EXPECT_EQ(back.error, "");

  const WorkerStatus failed{3, 0, {}, {}, "input.mp4: the input ended at frame 3, inside segment 0-9 \"quoted\""};
  const auto failed_back = worker_status_from_json(to_json(failed));
  EXPECT_EQ(failed_back.frames, 3);
  EXPECT_TRUE(failed_back.stages.empty());
  EXPECT_EQ(failed_back.error, failed.error);
  EXPECT_FALSE(failed_back.bad_input);

  const WorkerStatus bad_input{3, 0, {}, {}, "in.mkv: frame 25 is 160x120, but the video starts at 320x240", true};
  EXPECT_TRUE(worker_status_from_json(to_json(bad_input)).bad_input);
  EXPECT_THROW(worker_status_from_json(R"({"frames":0,"frames_discarded":0,"stages":{},"head":[],"tail":[],"bad_input":true})"), Error);
}

// Records written to a real pipe come back whole and in order, however the bytes are split.
TEST(WorkerProtocol, RecordsOfEveryTypeRoundTripThroughAPipe) {
  const std::vector<std::pair<RecordType, std::string>> sent = {
      {RecordType::stream_header, std::string("\0\1header", 8)},
      {RecordType::packet, ""},
      {RecordType::packet, std::string(100000, 'p')},
      {RecordType::status, R"({"frames":1})"},
  };
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::string bytes;
  {
    UniqueFd read_end(fds[0]), write_end(fds[1]);
    std::thread writer([&] {
      for (const auto& [type, payload] : sent) write_record(write_end.get(), type, payload);
      write_end.reset();
    });
    bytes = read_to_end(read_end.get());
    writer.join();
  }
  for (const std::size_t chunk : {bytes.size(), std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
    SCOPED_TRACE(chunk);
    RecordReader reader;
    std::vector<std::pair<RecordType, std::string>> received;
    for (std::size_t at = 0; at < bytes.size(); at += chunk) {
      reader.feed(bytes.data() + at, std::min(chunk, bytes.size() - at));
      while (auto r = reader.next()) received.emplace_back(r->type, std::move(r->payload));
    }
    EXPECT_TRUE(reader.empty());
    EXPECT_EQ(received, sent);
  }
}

TEST(WorkerProtocol, APartialRecordWaitsForTheRest) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  write_record(write_end.get(), RecordType::packet, "0123456789");
  write_end.reset();
  const std::string bytes = read_to_end(read_end.get());
  RecordReader reader;
  reader.feed(bytes.data(), bytes.size() - 1);
  EXPECT_FALSE(reader.next().has_value());
  EXPECT_FALSE(reader.empty());
  reader.feed(bytes.data() + bytes.size() - 1, 1);
  const auto record = reader.next();
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->payload, "0123456789");
}

std::string input_error_of(std::string_view text) {
  try {
    worker_job_from_json(text);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted " << text;
  return {};
}

TEST(WorkerProtocol, MalformedJobsAreRejectedSayingWhatIsWrong) {
  std::string good = to_json(some_job(WorkerJob::Kind::segment_to_packets, "box3"));
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
  struct Case {
    std::string text, says;
  };
  for (const Case& c : {
           Case{"", "bad job"},
           Case{"not json", "bad job"},
           Case{good.substr(0, good.size() / 2), "bad job"},
           Case{"[1, 2, 3]", "bad job"},
           Case{replaced("\"threads\":", "\"thread\":"), "'threads'"},
           Case{replaced("\"segment_to_packets\"", "\"segment_to_tape\""), "'segment_to_tape'"},
           Case{replaced("\"width\":641", "\"width\":\"wide\""), "bad job"},
           Case{replaced("\"segment\":[2,3,2]", "\"segment\":[2]"), "bad job"},
           // Found by fuzzing: a float where an integer belongs was cast with undefined behaviour.
           Case{replaced("\"width\":641", "\"width\":1e104"), "width: 1e+104 is not an integer of 32 bits"},
           Case{replaced("\"frame_pts\":[0,", "\"frame_pts\":[-1e300,"), "frame_pts: -1e+300 is not an integer of 64 bits"},
           Case{replaced("\"threads\":3", "\"threads\":4294967299"), "threads: 4294967299 is not an integer of 32 bits"},
           Case{replaced("\"display_matrix\":[0,65536,", "\"display_matrix\":["), "display_matrix has 7 entries, not 9"},
           Case{replaced("\"display_matrix\":[0,65536,", "\"display_matrix\":[0,4294967296,"), "display_matrix: 4294967296 is not an integer of 32 bits"},
       }) {
    SCOPED_TRACE(c.text);
    const std::string what = input_error_of(c.text);
    EXPECT_NE(what.find("worker: bad job on stdin"), std::string::npos) << what;
    EXPECT_NE(what.find(c.says), std::string::npos) << what;
  }
}

TEST(WorkerProtocol, MalformedStatusIsAnError) {
  for (const char* text : {"", "{", R"({"frames_discarded":0,"stages":{}})", R"({"frames":"many","frames_discarded":0,"stages":{}})",
                           R"({"frames":1,"frames_discarded":0,"stages":{"decode":"slow"}})"}) {
    try {
      worker_status_from_json(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("unreadable worker status"), std::string::npos) << e.what();
    }
  }
}

TEST(WorkerProtocol, AnUnknownRecordTypeIsRejectedAtOnce) {
  RecordReader reader;
  reader.feed("X", 1);  // no length yet: a garbled stream fails before waiting for one
  try {
    reader.next();
    FAIL() << "accepted record type 'X'";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown record type"), std::string::npos) << e.what();
  }
}

// Well-formed JSON whose values the worker would index or allocate by: each is refused in one
// line saying what is wrong (a kernel size that does not match its taps read out of bounds,
// empty taps crashed, huge dimensions exhausted memory).
TEST(WorkerProtocol, JobsWithImpossibleValuesAreRejected) {
  struct Case {
    const char* says;
    std::function<void(WorkerJob&)> spoil;
  };
  const std::vector<Case> cases = {
      {"size 5 needs 25", [](WorkerJob& j) { j.kernel.size = 5; }},
      {"size 3 needs 9", [](WorkerJob& j) { j.kernel.taps.clear(); }},
      {"size 3 needs 9", [](WorkerJob& j) { j.kernel.coefficients.pop_back(); }},
      {"not an odd number", [](WorkerJob& j) { j.kernel.size = 0; }},
      {"not an odd number", [](WorkerJob& j) { j.kernel.size = 65; }},
      {"separable factors of", [](WorkerJob& j) { j.kernel.separable->row.pop_back(); }},
      {"do not multiply", [](WorkerJob& j) { j.kernel.separable->column[0] += 1; }},
      {"too large", [](WorkerJob& j) { j.kernel.taps[4] = 2'000'000'000; }},
      {"frame size 1000000x1000000", [](WorkerJob& j) { j.input.width = j.input.height = 1'000'000; }},
      {"frame size 0x359", [](WorkerJob& j) { j.input.width = 0; }},
      {"frame_rate 30000/0", [](WorkerJob& j) { j.input.frame_rate.den = 0; }},
      {"time_base", [](WorkerJob& j) { j.input.time_base = {-1, 1}; }},
      {"4 frame timestamps for 5 frames", [](WorkerJob& j) { j.input.frame_pts.pop_back(); }},
      {"keyframes", [](WorkerJob& j) { j.input.keyframes.clear(), j.input.keyframe_pos.clear(), j.input.keyframe_seek_ts.clear(), j.input.keyframe_clean.clear(); }},
      {"keyframes", [](WorkerJob& j) { j.input.keyframes = {0, 3, 3}, j.input.keyframe_pos = {-1, 1, 2}, j.input.keyframe_seek_ts = {0, 1, 2}, j.input.keyframe_clean = {true, true, true}; }},
      {"differ in length", [](WorkerJob& j) { j.input.keyframe_pos.pop_back(); }},
      {"differ in length", [](WorkerJob& j) { j.input.keyframe_clean.pop_back(); }},
      {"keyframes", [](WorkerJob& j) { j.input.keyframes = {0, 5}; }},
      {"segment 2 (frames 3, 3 of them)", [](WorkerJob& j) { j.segment.count = 3; }},
      {"segment 2 (frames -1", [](WorkerJob& j) { j.segment.first = -1; }},
      {"segment 2 (frames 3, 0 of them)", [](WorkerJob& j) { j.segment.count = 0; }},
      {"unknown encoder", [](WorkerJob& j) { j.encoder = "x265"; }},
      {"threads 0", [](WorkerJob& j) { j.threads = 0; }},
      {"threads 4097 is not within 1..4096", [](WorkerJob& j) { j.threads = kMostWorkers + 1; }},
      {"the output has no path", [](WorkerJob& j) { j.output.clear(); }},
      {"sample_aspect -1/1 is not a pixel aspect ratio", [](WorkerJob& j) { j.input.presentation.sample_aspect = {-1, 1}; }},
      {"sample_aspect 1/0", [](WorkerJob& j) { j.input.presentation.sample_aspect = {1, 0}; }},
      {"colour range 7 is outside", [](WorkerJob& j) { j.input.presentation.color_range = 7; }},
      {"colour transfer -1 is outside", [](WorkerJob& j) { j.input.presentation.color_trc = -1; }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.says);
    WorkerJob job = some_job(WorkerJob::Kind::segment_to_part_file, "box3");
    ASSERT_TRUE(job.kernel.separable.has_value());
    c.spoil(job);
    const std::string what = input_error_of(to_json(job));
    EXPECT_NE(what.find("worker: bad job on stdin"), std::string::npos) << what;
    EXPECT_NE(what.find(c.says), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

// As many threads as `process --workers` takes (found 6 December 2026 by a review: the protocol
// stopped at 1024, so --workers 2048 failed in the worker).
TEST(WorkerProtocol, AJobOfTheMostWorkersAnythingTakesIsAccepted) {
  WorkerJob job = some_job(WorkerJob::Kind::segment_to_part_file, "box3");
  job.threads = kMostWorkers;
  EXPECT_EQ(worker_job_from_json(to_json(job)).threads, kMostWorkers);
}

// The worker-protocol fuzzer's job seeds (first byte: the message kind) must stay jobs the
// parser accepts, or the fuzzer starts from messages refused at the first check.
TEST(WorkerProtocol, TheFuzzersJobSeedsAreAcceptedJobs) {
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FRAMEBENCH_SOURCE_DIR "/tests/fuzz/corpus/worker_protocol_fuzzer")) {
    if (!entry.path().filename().string().starts_with("job_")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ASSERT_FALSE(bytes.empty()) << entry.path();
    EXPECT_NO_THROW(worker_job_from_json(bytes.substr(1))) << entry.path();
    ++seeds;
  }
  EXPECT_GE(seeds, 2);
}

TEST(WorkerProtocol, StatusWithImpossibleValuesIsAnError) {
  for (const char* text : {R"({"frames":-1,"frames_discarded":0,"stages":{}})", R"({"frames":1,"frames_discarded":-5,"stages":{}})",
                           R"({"frames":1,"frames_discarded":0,"stages":{"decode":-1}})",
                           R"({"frames":1,"frames_discarded":0,"stages":{"teleport":1}})"}) {
    try {
      worker_status_from_json(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("unreadable worker status"), std::string::npos) << e.what();
    }
  }
}

TEST(WorkerProtocol, AnImpossibleRecordLengthIsRejectedAtOnce) {
  RecordReader reader;
  std::string header(1 + sizeof(std::uint64_t), '\0');
  header[0] = static_cast<char>(RecordType::packet);
  const std::uint64_t huge = ~std::uint64_t{0};
  std::memcpy(header.data() + 1, &huge, sizeof huge);
  reader.feed(header.data(), header.size());
  try {
    reader.next();
    FAIL() << "waited for 2^64 bytes";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("corrupt worker output"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace framebench::strategies
