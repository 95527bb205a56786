#pragma once
// Is a case's output right? Its frames are compared, in order, with the reference kernel applied
// to the decoded input (on the case's pixel path: to BGR24 frames, or plane by plane to the
// decoder's own): exactly for lossless encoders, by per-frame PSNR for lossy ones; and each
// frame must be shown at its input frame's time (variable frame rates kept, not flattened).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "harness/config.hpp"
#include "kernels/kernel_spec.hpp"
#include "media/encoder.hpp"
#include "media/probe.hpp"

namespace framebench::harness {

struct VerificationResult {
  bool verified = false;
  VerifyMode mode = VerifyMode::off;  // the mode actually used (auto resolved)
  std::int64_t frames_checked = 0;
  double min_psnr_db = 0;             // PSNR mode: worst frame (infinity when identical)
  double mean_psnr_db = 0;
  double bar_db = 0;                  // PSNR mode: what the worst frame had to reach
  double encoder_worst_psnr_db = 0;   // with an encoder reference: its worst frame
  bool misplaced_frame = false;       // PSNR mode: a frame resembled a neighbour more than its own
  std::string message;                // why not verified; empty when verified
};

// Resolves `auto`: exact when the encoder is lossless and the strategy's filter is bit-exact with
// the reference, PSNR otherwise.
VerifyMode effective_mode(const VerifySettings& settings, const media::EncoderSpec& encoder, bool bit_exact_filter = true);

// Empty if an output of `encoder` on the `pixels` path, written like `output`, can be verified;
// else why not, in words: on the native path, an encoder that stores the input's layout as
// another (x264 stores nv12 as yuv420p) writes a good file that could never be checked against
// the input's planes (media/native_round_trip.hpp). Asked only where the output is to be verified.
std::string unverifiable_reason(const media::VideoInfo& input, const media::EncoderSpec& encoder, PixelPath pixels,
                                const std::filesystem::path& output);

// The cheap check every output gets before it is kept, --verify or not: it reads back (its
// packets are demuxed, not decoded) and holds the input's frame count. A writer that lost frames
// without saying so (OpenCV's VideoWriter on a full disk) is caught here. Throws Error saying what
// is wrong with `output`.
void confirm_frame_count(const media::VideoInfo& input, const std::filesystem::path& output);

// `encoder_reference` (PSNR mode; harness/lossy_threshold's encode_reference): the reference output
// through the same encoder, decoded beside the output against the same expected frames; the bar
// is then its worst frame less kLossyMarginDb (settings.min_psnr_db where it lost nothing).
VerificationResult verify_output(const media::VideoInfo& input, const std::filesystem::path& output,
                                 const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                 const VerifySettings& settings, bool bit_exact_filter = true,
                                 PixelPath pixels = PixelPath::bgr24, const std::filesystem::path& encoder_reference = {});

// One of several outputs checked against the same expected frames.
struct OutputToVerify {
  std::filesystem::path output;
  media::EncoderSpec encoder;
  bool bit_exact_filter = true;
  std::filesystem::path encoder_reference;  // as verify_output's
  // false: the reference only excuses what the encoder itself carries forward; the bar stays
  // settings.min_psnr_db (a run's bar is its config's)
  bool reference_sets_bar = true;
};
struct VerifyOutcome {
  VerificationResult result;
  std::exception_ptr error;  // what stopped this output's check (an undecodable output), if anything
};
// What a check does when the run is interrupted: stop at the next frame (throwing Interrupted),
// or finish, to keep completed repetitions (a second Ctrl-C ends the process, core/interrupt.hpp).
enum class OnInterrupt { stop, finish };
// Outputs checked side by side at most (more go in turn): each has a decoder of its own.
inline constexpr std::size_t kMaxOutputsPerCheck = 16;
// Outputs of one input, kernel and pixel path (a run's cases that differ in strategy or encoder)
// against one making of the expected frames: the input is decoded and filtered once for all of
// them (once per kMaxOutputsPerCheck), and the outputs are decoded and compared side by side on
// all cores. Outcomes in order; an output whose check throws stops alone. Throws what stops the
// expected frames (the input's decode) and, with OnInterrupt::stop, Interrupted.
std::vector<VerifyOutcome> verify_outputs(const media::VideoInfo& input, const kernels::KernelSpec& kernel, PixelPath pixels,
                                          const VerifySettings& settings, const std::vector<OutputToVerify>& outputs,
                                          OnInterrupt on_interrupt = OnInterrupt::stop);

}  // namespace framebench::harness
