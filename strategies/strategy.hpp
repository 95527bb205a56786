#pragma once
// A strategy is one way of running decode -> filter -> encode over a whole video. The harness
// gives it a Job and times it; the strategy reports what it did in a RunReport.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/pixel_path.hpp"
#include "core/stages.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"
#include "mpi/rank_timeout.hpp"

namespace framebench::strategies {

// Knobs some strategies read; every strategy accepts and ignores the rest.
struct StrategyOptions {
  std::string split = "auto";      // segment strategies: "auto" | "keyframe" | "exact"
  int segments = 0;                // segment strategies: chunks; 0 = from chunk_seconds
  // Segment strategies: video per chunk; 0 = 10 s, or 8 GOPs where that is longer and chunks may
  // start with a pre-roll (cuts not only at IDR keyframes: segments/plan.hpp). Shorter chunks
  // balance better and hold less in memory, but each restarts a decoder (up to a GOP of decoding
  // thrown away, up to two where its keyframe is not an IDR) and an encoder.
  double chunk_seconds = 0;
  int streams = 4;                 // cuda-streams
  int batch = 8;                   // GPU strategies: frames per batch
  int pipe_kib = 1024;             // piped strategies: F_SETPIPE_SZ
  bool row_bands = false;          // tbb-pipeline: also split frames into row bands
  std::string mpi_input = "send";  // mpi-segments: "send" (rank 0 sends each chunk's input packets) | "shared" (every rank reads its path)
  int rank_timeout_s = mpi::kDefaultRankTimeoutSeconds;  // mpi-segments: a rank silent this long on a chunk fails the run
};

// What each option may be, for the config's [options] and process's flags alike.
inline const std::vector<std::string> kSplitChoices{"auto", "keyframe", "exact"};
inline const std::vector<std::string> kMpiInputChoices{"send", "shared"};
inline constexpr int kMostSegments = 100000;
inline constexpr double kMostChunkSeconds = 1e6;
inline constexpr int kMostStreams = 4096;
inline constexpr int kMostBatch = 4096;
// A pipe holds at most /proc/sys/fs/pipe-max-size (1 MiB by default); the bound keeps the bytes an int.
inline constexpr int kLeastPipeKib = 4, kMostPipeKib = 1024 * 1024;
inline constexpr int kMostRankTimeoutSeconds = 86400;

struct Job {
  std::filesystem::path input;
  media::VideoInfo input_info;     // probed once by the harness
  std::filesystem::path output;
  kernels::KernelSpec kernel;
  media::EncoderSpec encoder;
  int workers = 1;                 // CPU cores this run may use, library threads included (>= 1)
  PixelPath pixels = PixelPath::bgr24;  // filter BGR24, or the decoder's own planes (no conversions)
  StrategyOptions options;
  std::filesystem::path scratch_parent;  // where private scratch dirs go (empty: $TMPDIR)
};

// Busy seconds per stage, summed over threads/processes: decode, filter, encode, transfer
// (pipes and copies between processes or devices), merge, and for GPUs upload, kernel, download.
using StageSeconds = std::map<std::string, double>;

// The seconds booked to `stage` (0 until something is), to add to.
double& seconds_of(StageSeconds& stages, Stage stage);
StageSeconds make_stage_seconds(std::initializer_list<std::pair<Stage, double>> booked);

struct RunReport {
  std::int64_t frames = 0;          // frames written to the output
  std::int64_t frames_discarded = 0;  // decoded only to reach a segment's first frame (restart pre-roll)
  StageSeconds stages;
  std::int64_t scratch_bytes = 0;   // most bytes held in scratch files at once
  std::int64_t peak_rss_bytes = 0;  // of child processes, if the strategy has any (0 if none)
  std::map<std::string, double> counters;  // the strategy's own, written into results as they are (mpi-segments: per rank)
  std::string label;  // what ran, where the name does not say it (a peer's filter and pixel format; mpi-segments: each rank's host)
  // Segment strategies: the plan (chunks and the shortest and longest, in frames); 0 otherwise.
  std::int64_t chunks = 0;
  std::int64_t chunk_frames_min = 0;
  std::int64_t chunk_frames_max = 0;
};

class Strategy;

// Empty unless `job`'s input is shown turned and its output will not be (its container or the
// strategy records no display matrix): then a warning saying so, for `process`.
std::string turn_lost_warning(const Strategy& strategy, const Job& job);
// Empty unless `job` keeps the input's samples (the native path), the input's colour tags mean other
// than untagged frames do (a BT.709 matrix, full range by tag) and the output cannot record them: then a warning saying so, for `process` (found 6 December 2026 by
// a correctness sweep: a full-range input came out of .avi and .nut untagged, shown darker).
std::string colour_tags_lost_warning(const Job& job);
// Empty unless `job` keeps the input's samples and its encoder's frames are read in another colour
// space than the input's whatever the output records (MJPEG, media::keeps_colour_space): then a
// warning saying so, for `process`.
std::string colour_space_unkept_warning(const Job& job);

class Strategy {
 public:
  Strategy(std::string name, std::string description) : name_(std::move(name)), description_(std::move(description)) {}
  virtual ~Strategy() = default;
  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  // Empty when the strategy can run here; otherwise why not (shown by `framebench list`).
  virtual std::string unavailable_reason() const { return {}; }
  // True for strategies that run on the GPU: the harness then samples its clocks per repetition.
  virtual bool uses_gpu() const { return false; }
  // True for peers that run the `ffmpeg` program found in PATH: the run then records which one
  // (media::ffmpeg_program).
  virtual bool runs_ffmpeg_program() const { return false; }
  // False for peers whose filter only approximates the reference (verified by PSNR, not exactly).
  virtual bool bit_exact() const { return true; }
  // Non-zero for a strategy that always uses this many cores whatever `workers` says.
  virtual int fixed_workers() const { return 0; }
  // Empty when this strategy can write with `encoder`; otherwise why not (a config's case is then
  // listed as unavailable rather than failed).
  virtual std::string encoder_unsupported_reason(const media::EncoderSpec&) const { return {}; }
  // Empty when this strategy can apply the kernel at all; otherwise why not (the ffmpeg CLI peers
  // have no filter for some shapes). The case is then listed as the strategy's limit.
  virtual std::string kernel_unsupported_reason(const kernels::KernelSpec&) const { return {}; }
  // Empty when this strategy filters on `path`; otherwise why not (the case is then listed as
  // unavailable, and `process` refuses it). By default BGR24 only: a strategy honours the native
  // path by filtering through kernels::PlanarFilter and saying so here; none converts silently.
  virtual std::string pixel_path_unsupported_reason(PixelPath path) const;
  // True for strategies whose own decoders start chunks at keyframes mid-stream: they
  // cannot take a paletted input (pal8), whose palette only the stream's first packet carries,
  // so a chunk decoded from later on has none (found 5 December 2026 by a hostile-input sweep:
  // "decoder did not restart where the input's keyframes say", exit 1).
  virtual bool restarts_decoder_mid_stream() const { return false; }
  // Empty when this strategy's output keeps the input's display matrix (a phone's turn) where the
  // container records one; otherwise why not.
  virtual std::string display_matrix_unkept_reason() const { return {}; }
  // Throws InputError when this strategy cannot do `job` as asked (say, an encoder that cannot
  // take the frame size, or an input whose planes the native path cannot filter), before
  // anything is started or written.
  virtual void check(const Job& job) const;
  // Runs the whole job, writing job.output. Throws InputError for bad input, Error otherwise.
  virtual RunReport run(const Job& job) const = 0;

 private:
  std::string name_;
  std::string description_;
};

}  // namespace framebench::strategies
