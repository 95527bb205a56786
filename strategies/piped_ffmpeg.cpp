#include "strategies/piped_ffmpeg.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/cpu_affinity.hpp"
#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/stopwatch.hpp"
#include "kernels/implementation.hpp"
#include "media/concat.hpp"
#include "media/ffmpeg_cli.hpp"
#include "strategies/child_usage.hpp"
#include "strategies/segment_plan.hpp"
#include "strategies/segment_workers.hpp"

namespace framebench::strategies {

namespace {

struct SegmentResult {
  double decode = 0, filter = 0, encode = 0, transfer = 0;
  std::int64_t frames = 0;
  std::int64_t peak_rss = 0;
};

// Reaps one ffmpeg process, returning its usage; throws with ffmpeg's own message if it failed.
template <typename Process>
ChildUsage reap(Process& p) {
  const ChildUsage usage = wait_for_exit(p.process().pid());
  const ExitStatus status = p.process().wait();
  if (!status.ok()) throw Error(p.failure(status));
  return usage;
}

SegmentResult run_segment(const Job& job, const Segment& s, const std::filesystem::path& part, const ScratchDir& scratch,
                          int threads, const std::atomic<bool>& abandon) {
  const auto& info = job.input_info;
  media::FfmpegPipeOptions options{.threads = threads,
                                   .pipe_bytes = job.options.pipe_kib * 1024,
                                   .stderr_file = scratch / fmt::format("decoder-{}.log", s.index)};
  media::FfmpegDecoder decoder(info, s.first, s.count, options);
  options.stderr_file = scratch / fmt::format("encoder-{}.log", s.index);
  media::FfmpegEncoder encoder(job.encoder, info.width, info.height, info.frame_rate, part, options);
  auto kernel = kernels::make_fast_filter(job.kernel);
  SegmentResult r;
  Frame in, out(info.width, info.height);
  for (;;) {
    if (abandon) throw Error("abandoned");  // another segment failed; this one's processes die with it
    bool got;
    try {
      got = decoder.read(in);
    } catch (const Error& e) {
      // A short read usually means ffmpeg failed: its exit status and words say more.
      decoder.close();
      const ExitStatus status = decoder.process().wait();
      throw Error(status.ok() ? std::string(e.what()) : decoder.failure(status));
    }
    if (!got) break;
    {
      ScopedTimer t(r.filter);
      kernel->apply(in.view(), out.view());
    }
    encoder.write(out.view());
    ++r.frames;
  }
  decoder.close();
  const ChildUsage decoded = reap(decoder);
  encoder.close();
  const ChildUsage encoded = reap(encoder);
  // The ffmpeg processes' CPU time is their stage; framebench's own side of each pipe, the
  // copies in and out (not the waits), is the transfer.
  r.decode = decoded.cpu_s;
  r.encode = encoded.cpu_s;
  r.transfer = decoder.times().copy_s + encoder.times().copy_s;
  r.peak_rss = std::max(decoded.peak_rss_bytes, encoded.peak_rss_bytes);
  return r;
}

}  // namespace

std::string PipedFfmpeg::unavailable_reason() const { return media::ffmpeg_unavailable_reason(); }

RunReport PipedFfmpeg::run(const Job& job) const {
  if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
  media::ignore_broken_pipes();
  // The ffmpeg processes and our filter threads would otherwise overlap on every core.
  const PinnedCores pinned(job.workers);
  const auto segments = plan_segments(job.input_info, wanted_segments(job.workers, job.options.segments), job.options.split);
  const int parallel = std::min(static_cast<int>(segments.size()), std::max(1, job.workers));
  const int threads = threads_per_worker(job.workers, parallel);
  ScratchDir scratch("framebench-piped", job.scratch_parent);
  const auto extension = job.output.extension().string();
  std::vector<std::filesystem::path> parts;
  for (const auto& s : segments) parts.push_back(scratch / fmt::format("part-{:05}{}", s.index, extension));

  // One framebench thread per running segment drives its two ffmpeg processes.
  std::vector<SegmentResult> results(segments.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error;
  const auto drive = [&] {
    for (std::size_t i; !failed && (i = next++) < segments.size();) {
      const Segment& s = segments[i];
      try {
        results[i] = run_segment(job, s, parts[i], scratch, threads, failed);
      } catch (const std::exception& e) {
        std::lock_guard lock(error_mutex);
        if (!failed.exchange(true))
          error = fmt::format("segment {} of {} (frames {}-{}): {}", s.index + 1, segments.size(), s.first, s.last(), e.what());
      }
    }
  };
  std::vector<std::thread> threads_running;
  for (int t = 0; t < parallel; ++t) threads_running.emplace_back(drive);
  for (auto& t : threads_running) t.join();
  if (failed) throw Error(error);

  RunReport report;
  for (const auto& r : results) {
    report.frames += r.frames;
    report.stages["decode"] += r.decode;
    report.stages["filter"] += r.filter;
    report.stages["encode"] += r.encode;
    report.stages["transfer"] += r.transfer;
    report.peak_rss_bytes = std::max(report.peak_rss_bytes, r.peak_rss);
  }
  report.scratch_bytes = static_cast<std::int64_t>(scratch.bytes());
  {
    ScopedTimer t(report.stages["merge"]);
    media::concat_parts(parts, job.output);
  }
  return report;
}

}  // namespace framebench::strategies
