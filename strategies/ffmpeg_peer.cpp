#include "strategies/ffmpeg_peer.hpp"

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "media/ffmpeg_cli.hpp"
#include "media/frame_times.hpp"
#include "media/probe.hpp"
#include "strategies/child_usage.hpp"

namespace framebench::strategies {

RunReport run_ffmpeg_peer(const Job& job, const FfmpegFilterGraph& graph, const media::EncoderSpec& encoder, const char* scratch_name) {
  const int threads = CoreBudget(job.workers).cores();
  const auto argv = media::ffmpeg_transcode_argv(job.input, job.output, graph.graph,
                                                 media::for_frame_size(encoder, job.input_info.width, job.input_info.height), threads,
                                                 media::FrameTimes::of(job.input_info).clock(job.input_info.frame_rate));
  ScratchDir scratch(scratch_name, job.scratch_parent);
  SpawnOptions options;
  options.stderr_file = scratch / "ffmpeg.log";
  Subprocess ffmpeg(argv, options);
  const ChildUsage usage = wait_for_exit(ffmpeg.pid());
  const ExitStatus status = ffmpeg.wait();
  if (!status.ok()) media::throw_ffmpeg_failure("ffmpeg", status, scratch / "ffmpeg.log", job.input);
  RunReport report;
  report.frames = media::probe_written(job.output).frame_count;
  report.peak_rss_bytes = usage.peak_rss_bytes;
  report.label = graph.method();
  return report;
}

}  // namespace framebench::strategies
