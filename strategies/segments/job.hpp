#pragma once
// What a worker process (framebench-worker) is asked to do, and what
// it answers. Segment strategies give each worker one segment; opencv-videoio gives one worker
// the whole video, to run it in a process of its own.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "kernels/kernel_spec.hpp"
#include "media/probe.hpp"
#include "strategies/segments/boundary.hpp"
#include "strategies/segments/plan.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

struct WorkerJob {
  enum class Kind {
    segment_to_part_file,  // filter a segment into a standalone part file (multiprocess-segments)
    segment_to_packets,    // filter a segment and send its packets back on stdout (in-memory)
    // The whole video the talk's way (cv::VideoCapture -> cv::filter2D -> cv::VideoWriter), in a
    // process of its own so that pinning OpenCV's threads to the budget cannot touch the harness.
    opencv_videoio,
  };
  Kind kind = Kind::segment_to_part_file;
  media::VideoInfo input;
  Segment segment;                // the frames to do (opencv_videoio: all of them)
  kernels::KernelSpec kernel;
  std::string encoder;            // media::encoder() name
  std::filesystem::path output;   // the part file, or the final output (packets must fit its container)
  int threads = 1;                // decoder and encoder threads (opencv_videoio: the core budget)
  PixelPath pixels = PixelPath::bgr24;
  // mpi-segments' sent input: the segment's frames are read from this copy of the input's
  // packets, whose frame 0 is the input's frame clip_first (media::copy_packets), not from
  // input.path. Set by the rank that received the copy; worker processes are never given one.
  std::filesystem::path clip{};
  std::int64_t clip_first = 0;
};

struct WorkerStatus {
  std::int64_t frames = 0;
  std::int64_t frames_discarded = 0;  // decoded only to reach the first frame (exact splits)
  StageSeconds stages;
  BoundaryFrames boundary;            // segment jobs: the frames that prove where it starts and ends
  std::string error;                  // empty on success
  bool bad_input = false;             // the error is the input's (an InputError of the job), not the worker's
};

// The jobs of a run, one per chunk, alike but for the chunk and where it writes. The input's
// description (every frame's timestamp) is held once, not once per chunk: a long input has many
// chunks, and a worker is sent it with its first chunk only.
struct ChunkJobs {
  WorkerJob common;                             // segment and output: those of chunk 0
  std::vector<Segment> chunks;                  // in the order they are handed out
  std::vector<std::filesystem::path> outputs;   // by chunk

  std::size_t size() const { return chunks.size(); }
  WorkerJob job(std::size_t chunk) const;
};

// A job of `kind` for each of the plan's chunks; `output_of(chunk)` names where it writes.
ChunkJobs segment_jobs(const Job& job, const SegmentPlan& plan, WorkerJob::Kind kind,
                       const std::function<std::filesystem::path(const Segment&)>& output_of);

// One job that is the whole run (opencv-videoio's).
ChunkJobs single_job(const WorkerJob& whole);

}  // namespace framebench::strategies
