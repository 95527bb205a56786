// piped-ffmpeg, the talk's method: per segment, an `ffmpeg` process decodes into a pipe as raw
// BGR24 (or, on the native pixel path, as the input's own planes), framebench filters, and another `ffmpeg` process encodes from a pipe to a part file; the
// parts are joined by stream copy. Large pipe buffers (F_SETPIPE_SZ); the pipes' cost is the
// `transfer` stage.
#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "core/cpu_affinity.hpp"
#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/interrupt.hpp"
#include "core/stopwatch.hpp"
#include "kernels/fast_filter.hpp"
#include "kernels/planar_filter.hpp"
#include "media/ffmpeg_cli.hpp"
#include "media/output_encoding.hpp"
#include "strategies/child_usage.hpp"
#include "strategies/factories.hpp"
#include "strategies/segments/boundary.hpp"
#include "strategies/segments/part_files.hpp"

namespace framebench::strategies {

namespace {

struct SegmentResult {
  double decode = 0, filter = 0, encode = 0, transfer = 0;
  std::int64_t frames = 0;
  std::int64_t frames_discarded = 0;  // decoded by ffmpeg only to reach the segment's first frame
  std::int64_t peak_rss = 0;
  BoundaryFrames boundary;
  bool seek_failed = false;  // ffmpeg's seek left the decoder short of the segment's frames
};

// Reaps one ffmpeg process, returning its usage; throws with ffmpeg's own message if it failed.
template <typename Process>
ChildUsage reap(Process& p) {
  const ChildUsage usage = wait_for_exit(p.process().pid());
  const ExitStatus status = p.process().wait();
  if (!status.ok()) p.throw_failure(status);
  return usage;
}

// The next frame from the decoder; a short read usually means ffmpeg failed, and then its exit
// status and words say more.
bool read_frame(media::FfmpegDecoder& decoder, PlanarFrame& frame) {
  try {
    return decoder.read(frame);
  } catch (const Error& e) {
    decoder.close();
    const ExitStatus status = decoder.process().wait();
    if (status.ok()) throw;
    decoder.throw_failure(status);
  }
}

// The segment's frames, then the few past its end that prove where the next one starts.
SegmentResult run_segment(const Job& job, const Segment& s, const PartFiles& parts, int threads, const std::atomic<bool>& abandon,
                          media::FfmpegStart start, std::int64_t clock_lead) {
  const auto& info = job.input_info;
  const media::EncoderSpec written = media::encoder_for_path(job.encoder, job.pixels, info);
  media::FfmpegPipeOptions options{.threads = threads,
                                   .pipe_bytes = job.options.pipe_kib * 1024,
                                   .stderr_file = parts.scratch() / fmt::format("decoder-{}.log", s.index),
                                   .pixel_format = job.pixels == PixelPath::native ? info.pixel_format : "bgr24",
                                   .presentation = media::output_presentation(info, job.pixels, written)};
  const std::int64_t tail = tail_frames(s, info.frame_count);
  media::FfmpegDecoder decoder(info, s.first, s.count + tail, options, start, clock_lead);
  options.stderr_file = parts.scratch() / fmt::format("encoder-{}.log", s.index);
  // Counting in the clock the in-process writers give their encoders: at the average rate, a
  // variable-rate input's H.264 said its frames 74 ms apart where they were 40 and 100, and the
  // ffmpeg CLI re-encoding the output dropped frames (found 7 December 2026 by a sweep of timing).
  media::FfmpegEncoder encoder(written, info.width, info.height, info.frame_rate, parts.times().clock(info.frame_rate), parts.part(s),
                               options);
  kernels::PlanarFilter filter(kernels::make_fast_filter(job.kernel));
  SegmentResult r;
  // ffmpeg's -ss decodes from the segment's restart keyframe, a select from the very start; it
  // drops the frames before in its own process (found 6 December 2026 by a correctness sweep:
  // piped-ffmpeg said 0 where the other segment strategies said how many for the same plan).
  r.frames_discarded = start == media::FfmpegStart::seek ? s.first - info.restart_frame(s.first) : s.first;
  PlanarFrame in, out;
  for (;;) {
    if (abandon) throw Error("abandoned");  // another segment failed; this one's processes die with it
    throw_if_stopped();
    if (!read_frame(decoder, in)) break;
    if (r.frames >= s.count) {
      r.boundary.tail.push_back(hash_pixels(in));
      continue;
    }
    if (r.frames < head_frames(s)) r.boundary.head.push_back(hash_pixels(in));
    {
      ScopedTimer t(r.filter);
      filter.apply(in, out);
    }
    encoder.write(out);
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

// Runs `segments` on `plan.parallel` threads, each driving its segment's two ffmpeg processes;
// the first failure stops the rest and is thrown, naming its segment.
std::vector<SegmentResult> run_segments(const Job& job, const SegmentPlan& plan, const std::vector<Segment>& segments,
                                        const PartFiles& parts, media::FfmpegStart start, std::int64_t clock_lead = 0) {
  std::vector<SegmentResult> results(segments.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::string error;
  bool bad_input = false;  // the error is the input's (its damage), said in its own line
  const auto drive = [&] {
    for (std::size_t i; !failed && (i = next++) < segments.size();) {
      const Segment& s = segments[i];
      try {
        throw_if_stopped();
        results[i] = run_segment(job, s, parts, plan.threads, failed, start, clock_lead);
      } catch (const std::exception& e) {
        // A seek that ends the decoder early is retried from the start; the retry fails for real.
        // Not a decoder killed by Ctrl-C or the time limit: its segment was retried, and every
        // later one started, past both (found 6 December 2026 by a leak sweep).
        if (start == media::FfmpegStart::seek && s.first > 0 && !failed && !stop_requested()) {
          results[i].seek_failed = true;
          continue;
        }
        std::lock_guard lock(error_mutex);
        if (!failed.exchange(true)) {
          bad_input = dynamic_cast<const InputError*>(&e) != nullptr;
          error = bad_input ? e.what()
                            : fmt::format("segment {} of {} (frames {}-{}): {}", s.index + 1, plan.segments.size(), s.first, s.last(), e.what());
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < plan.parallel; ++t) threads.emplace_back(drive);
  for (auto& t : threads) t.join();
  if (failed && bad_input) throw InputError(error);
  if (failed) throw Error(error);
  return results;
}

std::vector<BoundaryFrames> boundaries_of(const std::vector<SegmentResult>& results) {
  std::vector<BoundaryFrames> b;
  for (const auto& r : results) b.push_back(r.boundary);
  return b;
}

// Every segment, started by ffmpeg's seek; a segment whose first frames are not those its
// predecessor decoded past its end is done again decoding from the start, and if that does not
// match either, the run fails.
std::vector<SegmentResult> run_proven_segments(const Job& job, const SegmentPlan& plan, const PartFiles& parts) {
  const auto& segments = plan.segments;
  const auto frame_count = job.input_info.frame_count;
  const std::int64_t lead = job.input_info.decoder_time_lead;
  auto results = run_segments(job, plan, segments, parts, media::FfmpegStart::seek, lead);
  std::vector<bool> redone(segments.size(), false);
  // Segments done again decoding from the input's start, side by side (one at a time, pictures
  // held for 25 frames, 1500 frames in 6 segments took 2.3x tbb-chunks' time; found 7 December 2026).
  const auto redo_from_start = [&](const std::vector<std::size_t>& which) {
    std::vector<Segment> again;
    for (const std::size_t i : which) {
      redone[i] = true;
      again.push_back(segments[i]);
    }
    auto from_start = run_segments(job, plan, again, parts, media::FfmpegStart::decode_from_start);
    for (std::size_t j = 0; j < which.size(); ++j) results[which[j]] = std::move(from_start[j]);
  };
  const auto where = [&](auto&& needs_redo) {
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (!redone[i] && needs_redo(i)) which.push_back(i);
    return which;
  };
  if (const auto failed = where([&](std::size_t i) { return results[i].seek_failed; }); !failed.empty()) redo_from_start(failed);
  // Where the first wrong start is off by a frame (segments::start_shift), the CLI's clock runs
  // that much further from the probe's times than the lead the probe foresaw, and so, most likely,
  // does every later seek (each then matches the one before it, as both are off alike): those are
  // done again by seek, in parallel, with the drop moved by that much. Before, each was done again
  // from the input's start, one at a time (found 7 December 2026: MPEG-4 with B-frames in AVI,
  // whose lead the probe did not yet foresee, 1500 frames, 2.6x tbb-chunks' time). Whatever is
  // still wrong is then done from the start, and so is a segment whose second seek failed: its
  // part file was written again, whatever its first seek's result said (found 7 December 2026 by
  // a review: a part left empty or cut short was joined).
  if (const auto wrong = first_wrong_start(segments, boundaries_of(results), frame_count)) {
    const auto shift = start_shift(boundaries_of(results)[*wrong - 1], boundaries_of(results)[*wrong]);
    std::vector<Segment> again;
    for (std::size_t i = *wrong; shift && i < segments.size(); ++i)
      if (!redone[i]) again.push_back(segments[i]);
    if (!again.empty()) {
      auto shifted = run_segments(job, plan, again, parts, media::FfmpegStart::seek, lead + *shift);
      std::vector<std::size_t> failed;
      for (std::size_t j = 0; j < again.size(); ++j) {
        const auto i = static_cast<std::size_t>(again[j].index);
        if (shifted[j].seek_failed) failed.push_back(i);
        else results[i] = std::move(shifted[j]);
      }
      if (!failed.empty()) redo_from_start(failed);
    }
  }
  // A seek whose boundary frames repeat is not proven by them, and is done from the start (found
  // 7 December 2026 by a review: MPEG-PS of pictures each held 12 frames, where the CLI's times
  // were off by one to three frames, joined a segment three frames early, unseen but by --verify).
  // Judged again after each batch: a segment redone gives the one after it a new tail to compare.
  for (;;) {
    const auto unproven = where([&](std::size_t i) { return i > 0 && !tells_starts_apart(results[i - 1].boundary, results[i].boundary); });
    if (unproven.empty()) break;
    redo_from_start(unproven);
  }
  while (const auto wrong = first_wrong_start(segments, boundaries_of(results), frame_count)) {
    if (redone[*wrong]) break;
    redo_from_start({*wrong});
  }
  check_boundaries(segments, boundaries_of(results), frame_count, job.input_info.path.string());
  return results;
}

class PipedFfmpeg final : public Strategy {
 public:
  PipedFfmpeg()
      : Strategy("piped-ffmpeg",
                 "per segment: ffmpeg decodes into a pipe, framebench filters, ffmpeg encodes from a pipe; parts joined") {}
  std::string unavailable_reason() const override { return media::ffmpeg_unavailable_reason(); }
  bool runs_ffmpeg_program() const override { return true; }
  std::string pixel_path_unsupported_reason(PixelPath) const override { return {}; }

  RunReport run(const Job& job) const override {
    if (const auto why = unavailable_reason(); !why.empty()) throw Error(why);
    media::ignore_broken_pipes();
    // The ffmpeg processes and our filter threads would otherwise overlap on every core.
    const PinnedCores pinned(job.workers);
    const auto plan = plan_job_segments(job);
    const PartFiles parts(job, "framebench-piped");
    RunReport report;
    for (const auto& r : run_proven_segments(job, plan, parts)) {
      report.frames += r.frames;
      report.frames_discarded += r.frames_discarded;
      seconds_of(report.stages, Stage::decode) += r.decode;
      seconds_of(report.stages, Stage::filter) += r.filter;
      seconds_of(report.stages, Stage::encode) += r.encode;
      seconds_of(report.stages, Stage::transfer) += r.transfer;
      report.peak_rss_bytes = std::max(report.peak_rss_bytes, r.peak_rss);
    }
    parts.join_into(plan.segments, job.output, report);
    record_plan(plan, report);
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_piped_ffmpeg() { return std::make_unique<PipedFfmpeg>(); }

}  // namespace framebench::strategies
