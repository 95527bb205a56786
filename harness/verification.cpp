#include "harness/verification.hpp"

#include <algorithm>
#include <utility>
#include <cmath>
#include <limits>
#include <string>
#include <optional>
#include <vector>

#include <tbb/parallel_for_each.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/status_line.hpp"
#include "harness/expected_frames.hpp"
#include "harness/frame_distance.hpp"
#include "harness/lossy_threshold.hpp"
#include "media/native_planes.hpp"
#include "media/native_round_trip.hpp"
#include "media/output_encoding.hpp"
#include "media/video_reader.hpp"

namespace framebench::harness {

namespace {
// How much closer to a neighbouring frame than to its own an output frame must be to count as
// misplaced; codec noise alone moves PSNR far less between adjacent frames' comparisons.
constexpr double kNeighbourMarginDb = 1.0;
// An output frame `got`, its own expected frame `own` and a neighbour `n`, as vectors of samples:
// |n - got| >= |n - own| - |own - got| (the triangle inequality). The neighbour's PSNR beats the
// own one by more than the margin only if |n - got| < r |own - got|, r = 10^(-margin / 20), so
// where |n - own| >= (1 + r) |own - got| it cannot, and its pass over the frames is skipped: in
// squared errors, SE(n, own) >= (1 + r)^2 SE(own, got). The slack keeps rounding on the safe side.
const double kNeighbourSkipFactor = std::pow(1.0 + std::pow(10.0, -kNeighbourMarginDb / 20.0), 2) * (1.0 + 1e-9);
// An output frame no sample of which is more than a level from its own is right to the rounding of
// a filter that is not bit-exact; a neighbour nearer still says only that the frames hardly move
// (found 5 December 2026 by a hostile-input sweep: box15 on an 8x8 clip, whose blurred frames
// differ by less than a level, was "out of order" at 51.3 dB against its own frame and 57.2
// against the next). Bounded per sample, not on average: a small object moving by 10 levels
// keeps the whole frame's mean square under 1, and its frames' order must still be checked.
constexpr int kRoundingLevels = 1;

// The first output frame shown at another time than its input frame, each counted from its
// file's first frame, beyond a tick of the coarser time base (rounding); empty when none is.
std::string misplaced_time(const media::VideoInfo& input, const media::VideoInfo& output) {
  const double in_tb = input.time_base.value();
  const double out_tb = output.time_base.value();
  const double tolerance = std::max(in_tb, out_tb) * 1.001;
  for (std::size_t i = 0; i < input.frame_pts.size() && i < output.frame_pts.size(); ++i) {
    const double want = static_cast<double>(input.frame_pts[i] - input.frame_pts.front()) * in_tb;
    const double got = static_cast<double>(output.frame_pts[i] - output.frame_pts.front()) * out_tb;
    if (std::abs(want - got) > tolerance)
      return fmt::format("frame {} is shown at {:.4f} s, the input shows it at {:.4f} s: timestamps not kept", i, got, want);
  }
  return {};
}

}  // namespace

VerifyMode effective_mode(const VerifySettings& settings, const media::EncoderSpec& encoder, bool bit_exact_filter) {
  if (settings.mode != VerifyMode::automatic) return settings.mode;
  return encoder.lossless && bit_exact_filter ? VerifyMode::exact : VerifyMode::psnr;
}

namespace {

// One output's comparison with the expected frames, frame by frame, and what it found so far.
class OutputCheck {
 public:
  // The checks that need no decoding (frame count, size, timestamps, pixel format) are made here;
  // one that fails ends the check at once.
  // `decoder_threads` as media::ReaderOptions's.
  OutputCheck(const media::VideoInfo& input, const OutputToVerify& o, const VerifySettings& settings, PixelPath pixels,
              int decoder_threads)
      : min_psnr_db_(settings.min_psnr_db), encoder_reference_(o.encoder_reference), reference_sets_bar_(o.reference_sets_bar) {
    result_.mode = effective_mode(settings, o.encoder, o.bit_exact_filter);
    const media::VideoInfo out_info = media::probe_written(o.output);
    if (out_info.frame_count != input.frame_count) {
      end(fmt::format("output has {} frames, input has {}", out_info.frame_count, input.frame_count));
      return;
    }
    if (out_info.width != input.width || out_info.height != input.height) {
      end(fmt::format("output is {}x{}, input is {}x{}", out_info.width, out_info.height, input.width, input.height));
      return;
    }
    if (result_.mode == VerifyMode::off) {
      result_.verified = true;
      end({});
      return;
    }
    if (std::string misplaced = misplaced_time(input, out_info); !misplaced.empty()) {
      end(std::move(misplaced));
      return;
    }
    // Compared as the native path names them: FFV1's yuv420p of a yuvj420p input is its planes.
    if (pixels == PixelPath::native && media::native_format(out_info.pixel_format) != media::native_format(input.pixel_format)) {
      end(fmt::format("output is {}, the input (pixel format native) is {}", out_info.pixel_format, input.pixel_format));
      return;
    }
    reader_.emplace(out_info, media::ReaderOptions{.threads = decoder_threads, .pixels = pixels});
    if (result_.mode == VerifyMode::psnr && !o.encoder_reference.empty())
      reference_reader_.emplace(o.encoder_reference, media::ReaderOptions{.threads = decoder_threads, .pixels = pixels});
    result_.min_psnr_db = std::numeric_limits<double>::infinity();
  }

  bool ended() const { return ended_; }

  // Output frame i against its own expected frame (null once the input has ended) and its
  // neighbours. PSNR mode compares it with the expected frames before and after it too: one that
  // resembles a neighbour more than its own is a dropped, duplicated or reordered frame, which a
  // loose threshold alone would let through.
  void compare(std::int64_t i, const PlanarFrame* previous, const PlanarFrame* current, const PlanarFrame* next) {
    const bool have_out = reader_->read(got_);
    if (!current || !have_out) {
      if (current || have_out)
        return end(fmt::format("output decodes to a different number of frames than the input (stopped at frame {})", i));
      return end(bar_message());
    }
    ++result_.frames_checked;
    if (result_.mode == VerifyMode::exact) {
      if (!same_pixels(*current, got_)) end(fmt::format("frame {} differs from the reference", i));
      return;
    }
    double reference_own = 0;  // the encoder's own output of this frame against its expected frame
    if (reference_reader_) {
      if (!reference_reader_->read(reference_))
        throw Error(fmt::format("{}: the encoder's reference ended at frame {}", encoder_reference_.string(), i));
      reference_own = psnr_db(*current, reference_);
      reference_worst_ = std::min(reference_worst_, reference_own);
    }
    const OwnAndNext errors = squared_errors(*current, got_, next);
    const double p = errors.got.psnr_db();
    result_.min_psnr_db = std::min(result_.min_psnr_db, p);
    psnr_sum_ += std::isinf(p) ? 100.0 : p;
    const SquaredError to_neighbour[2] = {to_previous_, errors.next};
    to_previous_ = errors.next;
    // Within a level everywhere means a mean square of at most 1: only then is the pass made.
    if (errors.got.sum <= errors.got.samples && max_difference(*current, got_) <= kRoundingLevels) return;
    for (int side = 0; side < 2; ++side) {
      const PlanarFrame* neighbour = side == 0 ? previous : next;
      // An identical neighbour, or one too far from this frame's own to be nearer the output.
      const auto between = static_cast<double>(to_neighbour[side].sum);
      if (!neighbour || between == 0 || between >= kNeighbourSkipFactor * static_cast<double>(errors.got.sum)) continue;
      const double q = psnr_db(*neighbour, got_);
      if (q <= p + kNeighbourMarginDb) continue;
      // The encoder's own output of the expected frames resembling the neighbour as much, and the
      // output resembling that more than the neighbour, says the encoder carried it forward (x264
      // skipping the blocks of frames a few pixels across), not that the strategy misplaced a
      // frame (found 5 December 2026 by a correctness sweep: 17x9 yuv444p through gaussian5 and
      // x264 was "out of order" for every strategy).
      if (reference_reader_ && psnr_db(*neighbour, reference_) > reference_own + kNeighbourMarginDb && psnr_db(reference_, got_) >= q)
        continue;
      result_.misplaced_frame = true;
      return end(fmt::format("frame {} matches input frame {} better ({:.1f} dB) than its own ({:.1f} dB): frames dropped, "
                             "duplicated or out of order", i, neighbour == previous ? i - 1 : i + 1, q, p));
    }
  }

  const VerificationResult& result() const { return result_; }

 private:
  void end(std::string message) {
    result_.message = std::move(message);
    ended_ = true;
    reader_.reset();
    reference_reader_.reset();
  }

  // Every frame compared: the PSNR mode's figures and its bar; empty when the worst frame
  // reaches it.
  std::string bar_message() {
    if (result_.mode != VerifyMode::psnr) {
      result_.verified = true;
      return {};
    }
    const bool with_reference = reference_reader_.has_value();
    const auto frames = static_cast<double>(result_.frames_checked);
    result_.mean_psnr_db = result_.frames_checked ? psnr_sum_ / frames : 0;
    result_.encoder_worst_psnr_db = reference_worst_;
    result_.bar_db = with_reference && reference_sets_bar_ ? lossy_bar_db(reference_worst_, min_psnr_db_) : min_psnr_db_;
    if (result_.min_psnr_db < result_.bar_db)
      return fmt::format("PSNR {:.2f} dB on the worst frame is below the {:.1f} dB threshold", result_.min_psnr_db, result_.bar_db);
    result_.verified = true;
    return {};
  }

  double min_psnr_db_;
  std::filesystem::path encoder_reference_;
  bool reference_sets_bar_ = true;
  VerificationResult result_;
  bool ended_ = false;
  std::optional<media::VideoReader> reader_, reference_reader_;
  PlanarFrame got_, reference_;
  SquaredError to_previous_;  // SE between the previous expected frame and the current one
  double psnr_sum_ = 0;
  double reference_worst_ = std::numeric_limits<double>::infinity();
};

// What a check that threw is left with: the exception, kept for its output alone.
struct CheckSlot {
  std::optional<OutputCheck> check;
  std::exception_ptr error;

  bool running() const { return check && !error && !check->ended(); }
  template <typename F>
  void guarded(F&& step) {
    try {
      step();
    } catch (...) {
      error = std::current_exception();
    }
  }
};

}  // namespace

std::vector<VerifyOutcome> verify_outputs(const media::VideoInfo& input, const kernels::KernelSpec& kernel, PixelPath pixels,
                                          const VerifySettings& settings, const std::vector<OutputToVerify>& outputs,
                                          OnInterrupt on_interrupt) {
  if (outputs.size() > kMaxOutputsPerCheck) {  // in turn, so that decoders stay few
    std::vector<VerifyOutcome> all;
    for (std::size_t from = 0; from < outputs.size(); from += kMaxOutputsPerCheck) {
      const auto first = outputs.begin() + static_cast<std::ptrdiff_t>(from);
      const std::vector<OutputToVerify> part(first, first + static_cast<std::ptrdiff_t>(std::min(kMaxOutputsPerCheck, outputs.size() - from)));
      for (auto& outcome : verify_outputs(input, kernel, pixels, settings, part, on_interrupt)) all.push_back(std::move(outcome));
    }
    return all;
  }
  // Alone, an output's decoder takes libavcodec's threads; side by side, the outputs are the
  // parallel work, one thread each, so that threads stay about as many as cores.
  const int decoder_threads = outputs.size() == 1 ? 0 : 1;
  std::vector<CheckSlot> slots(outputs.size());
  for (std::size_t k = 0; k < outputs.size(); ++k)
    slots[k].guarded([&] { slots[k].check.emplace(input, outputs[k], settings, pixels, decoder_threads); });
  const auto running = [&] { return std::any_of(slots.begin(), slots.end(), [](const CheckSlot& s) { return s.running(); }); };
  if (running()) {
    // Finishing, the filters' own looks at Ctrl-C (a row at a time on non-separable kernels) must
    // not stop it either (found 6 December 2026 by a sweep of large configs: every sharpen3 and
    // disc case of a first round stopped by Ctrl-C failed, "interrupted by signal 2").
    std::optional<FinishingDespiteSignals> finishing;
    if (on_interrupt == OnInterrupt::finish) finishing.emplace();
    // The expected frames are made once, on threads of their own, while the outputs are decoded
    // and compared side by side.
    ExpectedFrames expected(input, kernel, pixels);
    bool said = false;
    for (std::int64_t i = 0; running(); ++i) {
      if (on_interrupt == OnInterrupt::stop) throw_if_interrupted();  // Ctrl-C stops a long check at the next frame
      // Finishing, the check says so once, as it goes on (found 6 December 2026 by a leak sweep: a
      // check under way when Ctrl-C came ran on for 20 s without a word).
      if (on_interrupt == OnInterrupt::finish && interrupt_signal() && !std::exchange(said, true))
        StatusLine::standard_error().print("finishing this check, to keep the round's repetitions (Ctrl-C again ends at once)");
      const PlanarFrame* previous = i > 0 ? expected.at(i - 1) : nullptr;
      const PlanarFrame* current = expected.at(i);
      const PlanarFrame* next = current ? expected.at(i + 1) : nullptr;
      tbb::parallel_for_each(slots.begin(), slots.end(), [&](CheckSlot& s) {
        if (s.running()) s.guarded([&] { s.check->compare(i, previous, current, next); });
      });
      expected.release(i);  // frame i stays: it is the next one's previous
    }
  }
  std::vector<VerifyOutcome> outcomes(slots.size());
  for (std::size_t k = 0; k < slots.size(); ++k) {
    outcomes[k].error = slots[k].error;
    if (slots[k].check) outcomes[k].result = slots[k].check->result();
  }
  return outcomes;
}

std::string unverifiable_reason(const media::VideoInfo& input, const media::EncoderSpec& encoder, PixelPath pixels,
                                const std::filesystem::path& output) {
  if (pixels != PixelPath::native) return {};
  const media::EncoderSpec native = media::encoder_for_path(encoder, pixels, input);
  const std::string read_back = media::native_round_trip(native, input, output).read_back;
  // x264 and MJPEG store yuv420p tagged full range as yuvj420p: the same planes (media::native_format).
  if (read_back.empty() || media::native_format(read_back) == native.pixel_format) return {};
  return fmt::format("encoder '{}' stores {} frames as {}, so the output could not be checked against the input's planes; use "
                     "--pixel-format bgr24 (or the config's pixel_format), or an encoder that keeps {}",
                     encoder.name, native.pixel_format, read_back, native.pixel_format);
}

VerificationResult verify_output(const media::VideoInfo& input, const std::filesystem::path& output,
                                 const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                 const VerifySettings& settings, bool bit_exact_filter, PixelPath pixels,
                                 const std::filesystem::path& encoder_reference) {
  const OutputToVerify o{
      .output = output, .encoder = encoder, .bit_exact_filter = bit_exact_filter, .encoder_reference = encoder_reference};
  VerifyOutcome outcome = std::move(verify_outputs(input, kernel, pixels, settings, {o}).front());
  if (outcome.error) std::rethrow_exception(outcome.error);
  return outcome.result;
}

void confirm_frame_count(const media::VideoInfo& input, const std::filesystem::path& output) {
  const media::VideoInfo written = media::probe_written(output);
  if (written.frame_count != input.frame_count)
    throw Error(fmt::format("{}: {} of the input's {} frames were written", output.string(), written.frame_count, input.frame_count));
}

}  // namespace framebench::harness
