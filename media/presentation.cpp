#include "media/presentation.hpp"

#include <cmath>
#include <cstring>
#include <new>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/display.h>
}

#include "media/convert.hpp"
#include "media/libav.hpp"

namespace framebench::media {

namespace {
constexpr DisplayMatrix kIdentity = {1 << 16, 0, 0, 0, 1 << 16, 0, 0, 0, 1 << 30};
}  // namespace

bool Presentation::turned() const { return display_matrix && *display_matrix != kIdentity; }

std::string Presentation::turn_text() const {
  if (!turned()) return {};
  const double degrees = av_display_rotation_get(display_matrix->data());  // NaN for a degenerate matrix
  if (std::isnan(degrees)) return "shown through a display matrix";
  return fmt::format("shown turned by {:g} degrees", degrees);
}

void show_on(AVStream& stream, const Presentation& shown) {
  if (shown.sample_aspect.num > 0) stream.sample_aspect_ratio = stream.codecpar->sample_aspect_ratio = to_av(shown.sample_aspect);
  if (shown.display_matrix) {
    std::uint8_t* data = av_stream_new_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, sizeof(DisplayMatrix));
    if (!data) throw std::bad_alloc();
    std::memcpy(data, shown.display_matrix->data(), sizeof(DisplayMatrix));
  }
}

bool keeps_display_matrix(const std::filesystem::path& output) { return std::string_view(muxer_for(output)) == "mp4"; }

std::string Presentation::colour_tags_problem() const {
  for (const auto& [what, v, values] : {std::tuple{"colour range", color_range, int{AVCOL_RANGE_NB}},
                                        std::tuple{"colour space", color_space, int{AVCOL_SPC_NB}},
                                        std::tuple{"colour primaries", color_primaries, int{AVCOL_PRI_NB}},
                                        std::tuple{"colour transfer", color_trc, int{AVCOL_TRC_NB}}})
    if (v < 0 || v >= values) return fmt::format("{} {} is outside 0..{}", what, v, values - 1);
  return {};
}

Presentation Presentation::for_output(bool samples_as_input, std::string_view written_format) const {
  if (samples_as_input) return *this;
  const WrittenMatrix written = from_bgr_matrix(written_format);
  return {.sample_aspect = sample_aspect, .display_matrix = display_matrix, .color_range = written.color_range,
          .color_space = written.color_space, .color_primaries = color_primaries, .color_trc = color_trc};
}

namespace {
bool is_bt601(int color_space) {
  return color_space == AVCOL_SPC_UNSPECIFIED || color_space == AVCOL_SPC_BT470BG || color_space == AVCOL_SPC_SMPTE170M;
}
}  // namespace

bool Presentation::converts_as_untagged(std::string_view pixel_format) const {
  // RGB frames (gbrp, bgr0: tagged "gbr", full range) need no matrix at all (found 6 December 2026
  // by a review: opencv-videoio refused every RGB input), nor do a palette's colours (found the same
  // day by a correctness sweep: a pal8 PNG tagged full range was refused).
  const AVPixFmtDescriptor* format = av_pix_fmt_desc_get(av_get_pix_fmt(std::string(pixel_format).c_str()));
  if (color_space == AVCOL_SPC_RGB || (format && (format->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL)))) return true;
  const bool bt601 = is_bt601(color_space);
  const bool full_range_by_tag = color_range == AVCOL_RANGE_JPEG && !pixel_format.starts_with("yuvj");
  return bt601 && !full_range_by_tag;
}

std::string Presentation::colour_text() const {
  std::vector<std::string> parts;
  const auto add = [&](const char* what, bool set, const char* name) {
    if (set) parts.push_back(fmt::format("{} {}", what, name ? name : "unknown"));
  };
  add("range", color_range != AVCOL_RANGE_UNSPECIFIED, av_color_range_name(static_cast<AVColorRange>(color_range)));
  add("colour space", color_space != AVCOL_SPC_UNSPECIFIED, av_color_space_name(static_cast<AVColorSpace>(color_space)));
  add("primaries", color_primaries != AVCOL_PRI_UNSPECIFIED, av_color_primaries_name(static_cast<AVColorPrimaries>(color_primaries)));
  add("transfer", color_trc != AVCOL_TRC_UNSPECIFIED, av_color_transfer_name(static_cast<AVColorTransferCharacteristic>(color_trc)));
  return fmt::format("{}", fmt::join(parts, ", "));
}

bool keeps_colour_space(const std::string& codec, const Presentation& shown) { return codec != "mjpeg" || is_bt601(shown.color_space); }

bool keeps_colour_tags(const std::filesystem::path& output, const std::string& codec, const Presentation& shown) {
  const std::string_view muxer = muxer_for(output);
  // MP4's 'colr' box is written whole or not at all (found 6 December 2026 by a correctness sweep:
  // a BT.709 input's MPEG-4 output into .mp4 was said to lose tags it kept).
  const bool colr = muxer == "mp4" && shown.color_space != AVCOL_SPC_UNSPECIFIED && shown.color_primaries != AVCOL_PRI_UNSPECIFIED &&
                    shown.color_trc != AVCOL_TRC_UNSPECIFIED;
  return muxer == "matroska" || colr || codec == "libx264" || codec == "libx265";
}

}  // namespace framebench::media
