#include "strategies/strategy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/container.hpp"
#include "media/convert.hpp"
#include "media/frame_times.hpp"
#include "media/leading_frames.hpp"
#include "media/muxer_clock.hpp"
#include "media/native_planes.hpp"
#include "media/native_round_trip.hpp"
#include "media/output_encoding.hpp"
#include "media/presentation.hpp"

namespace framebench::strategies {

double& seconds_of(StageSeconds& stages, Stage stage) { return stages[std::string(stage_name(stage))]; }

StageSeconds make_stage_seconds(std::initializer_list<std::pair<Stage, double>> booked) {
  StageSeconds stages;
  for (const auto& [stage, seconds] : booked) seconds_of(stages, stage) += seconds;
  return stages;
}

std::string Strategy::pixel_path_unsupported_reason(PixelPath path) const {
  if (path == PixelPath::bgr24) return {};
  return fmt::format("{} filters BGR24 frames only", name());
}

void Strategy::check(const Job& job) const {
  if (const auto why = encoder_unsupported_reason(job.encoder); !why.empty()) throw InputError(why);
  if (const auto why = pixel_path_unsupported_reason(job.pixels); !why.empty())
    throw InputError(fmt::format("strategy '{}' cannot run with pixel format {}: {}", name(), to_string(job.pixels), why));
  const auto& info = job.input_info;
  if (const auto why = media::leading_frames_refusal(info); !why.empty()) throw InputError(why);
  if (job.pixels == PixelPath::native) {
    media::native_planes(info.pixel_format, info.width, info.height, job.input.string());
    // Refused up front, the ffmpeg CLI's peers included, which convert such frames to the first's
    // without a word. Where the keyframe headers are not read (JPEG-LS), the libav reader refuses
    // them as it meets them; the CLI's peers then convert them, and only their check, which decodes
    // the input, fails.
    if (!info.pixel_format_change.empty())
      throw InputError(media::pixel_format_change_refusal(job.input.string(), info.pixel_format_change));
  } else if (const auto why = media::bgr_matrix_problem(info.pixel_format, info.presentation.color_space); !why.empty())
    throw InputError(fmt::format("{}: {}; {} filters its planes as they are", job.input.string(), why,
                                 pixel_path_unsupported_reason(PixelPath::native).empty()
                                     ? "--pixel-format native"
                                     : fmt::format("--pixel-format native (which {} does not take) with another strategy", name())));
  if (restarts_decoder_mid_stream()) {
    // A PNG frame is a whole picture with its own palette (found 6 December 2026 by a correctness
    // sweep: pal8 PNG frames were refused as a rawvideo AVI must be).
    if (media::is_paletted(info.pixel_format) && info.codec != "png")
      throw InputError(fmt::format("{}: strategy '{}' cannot cut a paletted ({}) video into chunks: only its first packet carries the "
                                   "palette; strategies that decode it from its start (single-core, tbb-pipeline, piped-ffmpeg) take it",
                                   job.input.string(), name(), info.pixel_format));
    if (info.packed_pictures)
      throw InputError(fmt::format("{}: strategy '{}' cannot cut it into chunks: its MPEG-4 packs two pictures into some packets "
                                   "(packed B-frames, as DivX and XviD write AVI), which a decoder restarted mid-stream counts short; "
                                   "unpack them (ffmpeg -i IN -c copy -bsf:v mpeg4_unpack_bframes OUT), or use a strategy that decodes "
                                   "it from its start (single-core, tbb-pipeline, piped-ffmpeg)",
                                   job.input.string(), name()));
  }
  if (const auto twin = std::adjacent_find(info.frame_pts.begin(), info.frame_pts.end()); twin != info.frame_pts.end())
    if (const auto why = media::equal_times_problem(job.encoder, job.output); !why.empty()) {
      const auto first = std::distance(info.frame_pts.begin(), twin);
      throw InputError(fmt::format("{}: frames {} and {} are both shown at {:.3f} s; {}", job.input.string(), first, first + 1,
                                   static_cast<double>(*twin - info.frame_pts.front()) * info.time_base.value(), why));
    }
  const auto times = media::FrameTimes::of(info);
  if (times.variable())
    if (const auto why = media::variable_times_problem(job.encoder, job.output); !why.empty())
      throw InputError(fmt::format("{}: its frame rate varies; {}", job.input.string(), why));
  const auto encoder = media::encoder_for_path(job.encoder, job.pixels, info);
  if (const auto why = media::times_problem(encoder.codec, times); !why.empty()) throw InputError(fmt::format("{}: {}", job.input.string(), why));
  // Found 7 December 2026 by a correctness sweep: frames under 1/600 s apart failed mid-job into
  // AVI, whose muxer coarsens time bases finer than 1/1000 s to 1/600 s.
  if (const auto why = media::muxer_clock_problem(job.output, encoder, info.width, info.height, times); !why.empty())
    throw InputError(fmt::format("{}: its frame rate varies; {}", job.input.string(), why));
  if (const auto problem = media::encoder_size_problem(encoder, info.width, info.height); !problem.empty())
    throw InputError(fmt::format("{}: {}", job.input.string(), problem));
  if (job.pixels == PixelPath::native)
    if (const auto refused = media::native_round_trip(encoder, info, job.output).refused; !refused.empty())
      throw InputError(fmt::format("{}: encoder '{}' cannot write {} frames with these colour tags here ({}); use --pixel-format bgr24 "
                                   "(or the config's pixel_format), or another encoder",
                                   job.input.string(), encoder.name, encoder.pixel_format, refused));
}

std::string turn_lost_warning(const Strategy& strategy, const Job& job) {
  const media::Presentation& shown = job.input_info.presentation;
  if (!shown.turned()) return {};
  const std::string why = !media::keeps_display_matrix(job.output)
                              ? std::string("its container records no display matrix here; write .mp4 to keep it")
                              : strategy.display_matrix_unkept_reason();
  if (why.empty()) return {};
  return fmt::format("{} is {}, {} will be shown as stored: {}", job.input.string(), shown.turn_text(), job.output.string(), why);
}

std::string colour_tags_lost_warning(const Job& job) {
  const bool native = job.pixels == PixelPath::native;
  const auto encoder = media::encoder_for_path(job.encoder, job.pixels, job.input_info);
  const media::Presentation shown = media::output_presentation(job.input_info, job.pixels, encoder);
  media::Presentation said;  // what the warning names: the tags the output would lose that mean something
  if (native) {
    // Tags that say what untagged frames mean anyway lose nothing: limited-range BT.601, or full
    // range in a format that says it (MJPEG's output reads back as yuvj420p), which the yuv420p a
    // yuvj420p input is written as (media::native_format) does not.
    const std::string stored = media::native_round_trip(encoder, job.input_info, job.output).read_back;
    if (shown.converts_as_untagged(stored.empty() ? encoder.pixel_format : stored)) return {};
    said = shown;
  } else {
    // The BGR24 path writes what untagged means but for the input's primaries and transfer (found
    // 7 December 2026 by a review: an HDR input's .avi output lost them without a word).
    said.color_primaries = shown.color_primaries;
    said.color_trc = shown.color_trc;
    if (said.colour_text().empty()) return {};
  }
  if (media::keeps_colour_tags(job.output, encoder.codec, shown)) return {};
  return fmt::format("{} is tagged {}; {} will not record that ({} files keep no colour tags from encoder '{}'), so players will take "
                     "the defaults; write .mkv, or use an x264 or x265 encoder, to keep them",
                     job.input.string(), said.colour_text(), job.output.string(), job.output.extension().string(), job.encoder.name);
}

std::string colour_space_unkept_warning(const Job& job) {
  if (job.pixels != PixelPath::native) return {};
  const media::Presentation& shown = job.input_info.presentation;
  const auto encoder = media::encoder_for_path(job.encoder, job.pixels, job.input_info);
  if (media::keeps_colour_space(encoder.codec, shown)) return {};
  media::Presentation space;  // the colour space alone, for its name
  space.color_space = shown.color_space;
  return fmt::format("{} is tagged {}; {} will be shown through BT.601's matrix whatever it records, as libavcodec reads every frame "
                     "of encoder '{}' (JFIF); use --pixel-format bgr24, or an x264, x265 or FFV1 encoder, to keep it",
                     job.input.string(), space.colour_text(), job.output.string(), job.encoder.name);
}

}  // namespace framebench::strategies
