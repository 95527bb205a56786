#include "harness/verification.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/error.hpp"
#include "kernels/implementation.hpp"
#include "media/video_reader.hpp"

namespace framebench::harness {

VerifyMode effective_mode(const VerifySettings& settings, const media::EncoderSpec& encoder) {
  if (settings.mode != VerifyMode::automatic) return settings.mode;
  return encoder.lossless ? VerifyMode::exact : VerifyMode::psnr;
}

double psnr_db(ConstFrameView a, ConstFrameView b) {
  if (a.width != b.width || a.height != b.height) throw Error("psnr: frame sizes differ");
  std::uint64_t sse = 0;
  for (int y = 0; y < a.height; ++y) {
    const std::uint8_t* pa = a.row(y);
    const std::uint8_t* pb = b.row(y);
    for (std::size_t i = 0; i < a.row_bytes(); ++i) {
      const int d = pa[i] - pb[i];
      sse += static_cast<std::uint64_t>(d * d);
    }
  }
  if (sse == 0) return std::numeric_limits<double>::infinity();
  const double mse = static_cast<double>(sse) / (static_cast<double>(a.row_bytes()) * a.height);
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

VerificationResult verify_output(const media::VideoInfo& input, const std::filesystem::path& output,
                                 const kernels::KernelSpec& kernel, const media::EncoderSpec& encoder,
                                 const VerifySettings& settings) {
  VerificationResult result;
  result.mode = effective_mode(settings, encoder);
  const media::VideoInfo out_info = media::probe(output);
  if (out_info.frame_count != input.frame_count) {
    result.message = fmt::format("output has {} frames, input has {}", out_info.frame_count, input.frame_count);
    return result;
  }
  if (out_info.width != input.width || out_info.height != input.height) {
    result.message = fmt::format("output is {}x{}, input is {}x{}", out_info.width, out_info.height, input.width, input.height);
    return result;
  }
  if (result.mode == VerifyMode::off) {
    result.verified = true;
    return result;
  }

  media::VideoReader in_reader(input, {.threads = 0});
  media::VideoReader out_reader(out_info, {.threads = 0});
  auto filter = kernels::make_fast_filter(kernel);
  Frame in, expected(input.width, input.height), got;
  double psnr_sum = 0;
  result.min_psnr_db = std::numeric_limits<double>::infinity();
  for (std::int64_t i = 0;; ++i) {
    const bool have_in = in_reader.read(in);
    const bool have_out = out_reader.read(got);
    if (!have_in || !have_out) {
      if (have_in != have_out) {
        result.message = fmt::format("output decodes to a different number of frames than the input (stopped at frame {})", i);
        return result;
      }
      break;
    }
    filter->apply(in.view(), expected.view());
    ++result.frames_checked;
    if (result.mode == VerifyMode::exact) {
      if (!same_pixels(expected.view(), got.view())) {
        result.message = fmt::format("frame {} differs from the reference", i);
        return result;
      }
    } else {
      const double p = psnr_db(expected.view(), got.view());
      result.min_psnr_db = std::min(result.min_psnr_db, p);
      psnr_sum += std::isinf(p) ? 100.0 : p;
    }
  }
  if (result.mode == VerifyMode::psnr) {
    result.mean_psnr_db = result.frames_checked ? psnr_sum / static_cast<double>(result.frames_checked) : 0;
    if (result.min_psnr_db < settings.min_psnr_db) {
      result.message = fmt::format("PSNR {:.2f} dB on the worst frame is below the {:.1f} dB threshold", result.min_psnr_db,
                                   settings.min_psnr_db);
      return result;
    }
  }
  result.verified = true;
  return result;
}

}  // namespace framebench::harness
