#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <string>

#include "core/distinct_files.hpp"
#include "core/error.hpp"
#include "core/input_file.hpp"
#include "core/interrupt.hpp"
#include "core/output_lock.hpp"
#include "core/result_text.hpp"
#include "core/core_budget.hpp"
#include "core/scratch_dir.hpp"
#include "core/users_path.hpp"
#include "core/status_line.hpp"
#include "core/stopwatch.hpp"
#include "cli/command.hpp"
#include "harness/lossy_threshold.hpp"
#include "harness/measurement.hpp"
#include "harness/output_path.hpp"
#include "harness/verification.hpp"
#include "media/container.hpp"
#include "media/interlacing.hpp"
#include "media/probe.hpp"
#include "strategies/registry.hpp"

namespace framebench::cli {

namespace {

struct ProcessArgs {
  std::string input, output, strategy = "single-core", kernel, encoder = "x264-ultrafast";
  std::optional<std::string> pixel_format;  // unset: bgr24, or native for a strategy that runs only so
  int workers = 0;
  strategies::StrategyOptions options;
  bool verify = false;
  std::optional<double> min_psnr_db;  // unset: relative to the encoder (harness/lossy_threshold.hpp)
};

// With --verify: checks the output, and says so, with the time it took beyond the job (a lossy
// threshold takes a second encode of the whole reference output, measured in the same pass as
// the output). The output is the user's either way; false when it did not verify.
bool verify_process_output(const ProcessArgs& a, const strategies::Strategy& strategy, const strategies::Job& job) {
  const Stopwatch watch;
  double threshold_s = 0;
  const bool psnr = harness::effective_mode({}, job.encoder, strategy.bit_exact()) == harness::VerifyMode::psnr;
  const bool relative = psnr && !a.min_psnr_db;  // the bar from the encoder's own reference encode
  std::optional<ScratchDir> scratch;
  std::filesystem::path reference;
  if (relative) {
    scratch.emplace("framebench-threshold");
    reference = harness::encode_reference(job.input_info, job.kernel, job.encoder, scratch->path(), job.pixels);
    threshold_s = watch.seconds();
  }
  const harness::VerifySettings settings{harness::VerifyMode::automatic, a.min_psnr_db.value_or(harness::VerifySettings{}.min_psnr_db)};
  const auto v = harness::verify_output(job.input_info, job.output, job.kernel, job.encoder, settings, strategy.bit_exact(), job.pixels,
                                        reference);
  const std::string threshold_origin =
      !relative                                  ? "set by --min-psnr"
      : std::isfinite(v.encoder_worst_psnr_db)   ? fmt::format("{} gives {:.2f} dB on the reference output, less {:.0f} dB; --min-psnr DB "
                                                               "sets another", job.encoder.name, v.encoder_worst_psnr_db, harness::kLossyMarginDb)
                                                 : fmt::format("{} loses nothing here, so this is the fixed bar for a filter that is not "
                                                               "bit-exact; --min-psnr DB sets another", job.encoder.name);
  if (!v.verified) {
    // Where the bar was what failed: a check that stopped before it (a frame out of order) has no
    // figure for the reference yet.
    const bool below_bar = psnr && v.frames_checked > 0 && v.bar_db > 0 && v.min_psnr_db < v.bar_db;
    fmt::print(stderr, "framebench: {}: written, but did not verify: {}{}\n", a.output, v.message,
               below_bar ? fmt::format(" ({})", threshold_origin) : "");
    return false;
  }
  fmt::print("verified ({}) in {:.2f} s{}\n",
             psnr ? fmt::format("psnr, worst frame {:.2f} dB, threshold {:.2f} dB: {}", v.min_psnr_db, v.bar_db, threshold_origin)
                  : harness::to_string(v.mode),
             watch.seconds(),
             reference.empty() ? "" : fmt::format(", {:.2f} s of it encoding the reference for the threshold", threshold_s));
  return true;
}

// An input replaced or rewritten while the job read it: said as such, not as the decoder's or a
// segment's fault that follows from it (found 6 December 2026 by a sweep of concurrent use: "segment
// 9 of 12 ... does not start with the frames that decoding on from segment 8 gives").
void check_input_unchanged(const strategies::Job& job, const std::optional<InputStamp>& stamp, const ProcessArgs& a) {
  if (stamp && InputStamp::of(job.input) != stamp)
    throw Error(fmt::format("{}: changed during the job (replaced or rewritten since it was probed); {} not written", a.input, a.output));
}

// Runs the job into `output`'s temporary and checks what it wrote; errors name `output`.
harness::Measurement run_into(const strategies::Strategy& strategy, strategies::Job& job, const AtomicFile& output,
                              const ProcessArgs& a, const std::optional<InputStamp>& input_stamp) {
  try {
    job.output = output.temp_path();
    const harness::Measurement m = harness::measure_run(strategy, job);
    throw_if_interrupted();  // a job cut short is never committed
    check_input_unchanged(job, input_stamp, a);
    harness::confirm_frame_count(job.input_info, job.output);
    return m;
  } catch (const Interrupted& e) {
    throw Interrupted(e.signal(), fmt::format("{} not written", a.output));
  } catch (const Error&) {
    // A strategy whose children the signal stopped fails; the signal is what happened.
    if (const int signal = interrupt_signal()) throw Interrupted(signal, fmt::format("{} not written", a.output));
    check_input_unchanged(job, input_stamp, a);
    rethrow_naming_users_path(output.temp_path(), a.output);
  }
}

int process_once(const ProcessArgs& a) {
  const auto& strategy = strategies::strategy(a.strategy);
  if (const auto why = strategy.unavailable_reason(); !why.empty())
    throw InputError(fmt::format("strategy '{}' is unavailable here: {}", a.strategy, why));
  strategies::Job job;
  // `-s ffmpeg-native` alone means what it says (found 5 December 2026 by a review of first use:
  // it was refused for want of --pixel-format native).
  job.pixels = a.pixel_format                                                              ? pixel_format_option(*a.pixel_format)
               : strategy.pixel_path_unsupported_reason(PixelPath::bgr24).empty() ? PixelPath::bgr24
                                                                                          : PixelPath::native;
  job.kernel = kernels::make_kernel(a.kernel);
  job.encoder = media::encoder(a.encoder);
  if (const auto why = media::encoder_unavailable_reason(job.encoder); !why.empty())
    throw InputError(fmt::format("encoder '{}' is unavailable here: {}", a.encoder, why));
  if (const auto why = media::container_problem(job.encoder, a.output); !why.empty()) throw InputError(why);
  job.options = a.options;
  check_input_file(a.input);
  // The segment workers are handed both names in JSON, which holds only UTF-8 text.
  for (const auto& name : {a.input, a.output})
    if (const auto problem = utf8_problem(name); !problem.empty())
      throw InputError(fmt::format("{}: the name {}, which framebench's workers cannot be handed; rename it", name, problem));
  check_distinct_files({{a.output, "the output"}}, {{a.input, "the input"}});
  job.input = shareable_input_path(a.input);
  const auto input_stamp = InputStamp::of(job.input);  // before the probe: a change after it is one the job may see
  job.input_info = media::probe(job.input);
  job.workers = strategy.fixed_workers() ? strategy.fixed_workers() : CoreBudget(a.workers).cores();
  // The strategy writes a temporary beside the output; the output appears whole or not at all.
  job.output = a.output;  // for the check (its container); the job writes the temporary (run_into)
  strategy.check(job);
  if (a.verify)
    if (const auto why = harness::unverifiable_reason(job.input_info, job.encoder, job.pixels, job.output); !why.empty())
      throw InputError(fmt::format("{}: {} (or leave out --verify)", a.input, why));
  for (const auto& warning : {strategies::turn_lost_warning(strategy, job), strategies::colour_tags_lost_warning(job),
                              strategies::colour_space_unkept_warning(job), media::interlaced_warning(job.input_info),
                              media::dropped_streams_warning(job.input_info, a.output)})
    if (!warning.empty()) StatusLine::standard_error().warn(warning);
  sweep_abandoned_scratch();  // here, not in the timed job where its first scratch would do it
  // A TMPDIR where no scratch can be made is said now, not after the job, when the check needs it.
  if (a.verify) {
    const ScratchDir can_make_scratch("framebench-process");
  }
  // The output's folders are made only now, once nothing can refuse the job any more (found 6 December
  // 2026 by a fault sweep: a strategy's or encoder's refusal, exit 2, left the new folders behind, empty),
  // and taken away again if the job stops or fails before the output is committed (Ctrl-C left them).
  // Declared before `output`, so that its temporary is gone first.
  const harness::MadeDirectories output_folders(a.output);
  // One writer of an output at a time, as for `run`'s results: two jobs into one path both said
  // "verified" and the file held one of them (found 6 December 2026 by a sweep of concurrent use).
  const OutputLock output_lock(AtomicFile::writable(a.output));
  AtomicFile output(a.output);
  const harness::Measurement m = run_into(strategy, job, output, a, input_stamp);
  const std::string method = m.report.label.empty() ? "" : fmt::format(" ({})", m.report.label);
  // More workers than cores is allowed here (to cut more segments), and said as such.
  const int cores = CoreBudget::available();
  const std::string on = job.workers <= cores ? fmt::format("{} core(s)", job.workers)
                                              : fmt::format("{} workers sharing this machine's {} core(s)", job.workers, cores);
  // Its size too: a faster job whose file is larger did less of the encoder's work.
  const std::string size = m.output_bytes >= 1'000'000 ? fmt::format("{:.2f} MB", m.output_bytes / 1e6) : fmt::format("{:.1f} kB", m.output_bytes / 1e3);
  fmt::print("{}: {} frames in {:.3f} s ({:.1f} fps, {:.2f} CPU s) with {}{} on {}, {} written\n", one_printable_line(a.output),
             m.report.frames, m.wall_s, m.fps(), m.cpu_s, strategy.name(), method, on, size);
  // Before what the check says of it: stdout into a file or pipe is buffered, and the verdict on
  // stderr came first (found 6 December 2026 by a sweep of `process`).
  std::fflush(stdout);
  bool verified = true;
  if (a.verify) {
    // The output was made from the input as it was; a check that read another says nothing of it.
    const auto input_changed = [&] { return input_stamp && InputStamp::of(job.input) != input_stamp; };
    const auto changed_in_check = [&] {
      output.commit();
      return Error(fmt::format("{} written, but {} changed during its verification (replaced or rewritten), so it is not verified",
                               a.output, a.input));
    };
    try {
      verified = verify_process_output(a, strategy, job);
    } catch (const Interrupted& e) {
      output.commit();  // the job finished and was read back whole: only its check was cut short
      throw Interrupted(e.signal(), fmt::format("{} written; its verification was interrupted", a.output));
    } catch (const InputError& e) {
      if (input_changed()) throw changed_in_check();
      // the input is at fault (a frame size that changes, which the job let through): nothing kept,
      // and said, after the line above said it was made; the check read the output's temporary
      // (job.output), which the message calls by the user's name
      throw InputError(fmt::format("{} (so {} is not kept)", naming_users_path(e.what(), output.temp_path(), a.output), a.output));
    } catch (const Error& e) {
      if (input_changed()) throw changed_in_check();
      // The same where the check itself failed (found 6 December 2026 by a fault sweep: with a TMPDIR too full for
      // the lossy threshold's reference encode, the whole output was removed without a word, after
      // the line above had said it was written).
      const std::string why = naming_users_path(e.what(), output.temp_path(), a.output);  // the temporary is renamed next
      output.commit();
      if (const int signal = interrupt_signal())
        throw Interrupted(signal, fmt::format("{} written; its verification was interrupted", a.output));
      throw Error(fmt::format("{} written, but it could not be verified: {}", a.output, why));
    }
    if (input_changed()) throw changed_in_check();
  }
  output.commit();  // kept even when it did not verify: the user may judge it
  return verified ? 0 : 1;
}

}  // namespace

void add_process_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("process", "Filter one video once with a strategy (the job itself, no benchmark)");
  auto a = std::make_shared<ProcessArgs>();
  sub->add_option("input", a->input, "input video: a file FFmpeg reads")->required()->check(non_empty_path());
  sub->add_option("output", a->output, "output video; the container follows the extension")->required()->check(non_empty_path());
  sub->add_option("--strategy,-s", a->strategy, "strategy (framebench list strategies)")->capture_default_str();
  sub->add_option("--kernel,-k", a->kernel, "kernel (framebench list kernels)")->required();
  sub->add_option("--encoder,-e", a->encoder, "encoder (framebench list encoders)")->capture_default_str();
  sub->add_option("--workers,-w", a->workers, "CPU cores to use (0 = all)")->capture_default_str()->check(whole_range(0, kMostWorkers));
  sub->add_option("--pixel-format", a->pixel_format,
                  fmt::format("{}; default: bgr24, or native for a strategy that runs only so (ffmpeg-native)", kPixelFormatHelp));
  sub->add_option("--split", a->options.split,
                  "segment strategies: cut chunks at keyframes where near (auto), only at keyframes, or at exact frames")
      ->check(CLI::IsMember(strategies::kSplitChoices))->capture_default_str();
  sub->add_option("--segments", a->options.segments, "segment strategies: chunks (0 = one per --chunk-seconds)")
      ->check(whole_range(0, strategies::kMostSegments))->capture_default_str();
  sub->add_option("--chunk-seconds", a->options.chunk_seconds,
                  "segment strategies: seconds of video per chunk (0 = 10 s, or 8 GOPs where longer and a chunk may need a pre-roll)")
      ->check(finite_range(0.0, strategies::kMostChunkSeconds))->capture_default_str();
  sub->add_option("--mpi-input", a->options.mpi_input, "mpi-segments: rank 0 sends each rank the input packets of its chunks, or the ranks read the input's path")
      ->check(CLI::IsMember(strategies::kMpiInputChoices))->capture_default_str();
  sub->add_option("--rank-timeout", a->options.rank_timeout_s, "mpi-segments: seconds a rank may be silent on a chunk")
      ->check(whole_range(1, strategies::kMostRankTimeoutSeconds))->capture_default_str();
  sub->add_option("--batch", a->options.batch, "GPU strategies: frames per batch")->check(whole_range(1, strategies::kMostBatch))->capture_default_str();
  sub->add_option("--streams", a->options.streams, "cuda-streams: CUDA streams")->check(whole_range(1, strategies::kMostStreams))->capture_default_str();
  sub->add_option("--min-psnr", a->min_psnr_db,
                  fmt::format("with --verify: the worst frame's PSNR a lossy output must reach (dB); default: {:.0f} dB below "
                              "what the same encoder gives on the reference output", harness::kLossyMarginDb))
      ->check(finite_range(0.01, 1000.0));
  sub->add_flag("--verify", a->verify, "check the output against the reference kernel afterwards");
  sub->get_option("--min-psnr")->needs("--verify");  // a bar with no check would be dropped without a word
  sub->callback([&action, a] { action = [a] { return process_once(*a); }; });
}

}  // namespace framebench::cli
