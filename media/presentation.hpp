#pragma once
// How an input's frames are to be shown, which its outputs keep: the pixel aspect ratio (0/1
// when the file does not say), the display matrix (a phone's rotation) and the colour tags, as
// libavutil's AVColorRange, AVColorSpace, AVColorPrimaries and AVColorTransferCharacteristic
// values (0, 2, 2, 2: unspecified). Found 5 December 2026 by hostile-input sweeps: outputs were
// written square-pixelled, unturned and untagged, so a 2:1 input was shown squeezed, a phone's
// upright video on its side, and a full-range input's native output in other colours.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "media/rational.hpp"

struct AVStream;

namespace framebench::media {

// libavutil's 3x3 display matrix (16.16 and 2.30 fixed point, row-major), as a stream's side data.
using DisplayMatrix = std::array<std::int32_t, 9>;

struct Presentation {
  Rational sample_aspect{0, 1};
  std::optional<DisplayMatrix> display_matrix;
  int color_range = 0;
  int color_space = 2;
  int color_primaries = 2;
  int color_trc = 2;
  bool operator==(const Presentation&) const = default;

  // What an output written in `written_format` keeps: the aspect and the display matrix always
  // (every strategy filters the frames as stored); the colour tags as they are where its samples
  // are the input's (the native path). On the BGR24 path the primaries and transfer are still the
  // input's (the conversions keep the colours' RGB values), and the matrix and range are those the
  // conversion from BGR24 wrote (media/convert.hpp): BT.601 in the range the format says, or none
  // for RGB formats. Found 7 December 2026 by a colour sweep: such outputs were untagged, so a
  // BT.709 or HDR input's output lost its primaries and transfer, and players that take untagged
  // HD video for BT.709 showed its BT.601 samples through the wrong matrix.
  Presentation for_output(bool samples_as_input, std::string_view written_format) const;
  // Empty when every colour tag is one libavutil knows; otherwise the first that is not, e.g.
  // "colour range 7 is outside 0..2" (for messages that come over a pipe).
  std::string colour_tags_problem() const;
  // Whether frames of `pixel_format` with these tags convert to RGB as untagged ones do (BT.601,
  // the range the format itself says): what converters that ignore the tags, such as OpenCV's, get right.
  bool converts_as_untagged(std::string_view pixel_format) const;
  // The colour tags set, in words ("range pc, colour space bt709"), for messages.
  std::string colour_text() const;
  // Whether the display matrix shows the frames other than as stored (turned or mirrored).
  bool turned() const;
  // How the display matrix shows the frames, for messages ("turned by 90 degrees"); empty when
  // not turned.
  std::string turn_text() const;
};

// Sets the stream-level part of `shown` on an output stream before its header is written: the
// pixel aspect (on the stream too, where muxers look for it) and the display matrix. The colour
// tags travel in the codec parameters.
void show_on(AVStream& stream, const Presentation& shown);

// Whether `output`'s container records a display matrix (libavformat 5.1: the MP4 family only).
bool keeps_display_matrix(const std::filesystem::path& output);

// Whether frames from libavcodec encoder `codec` are shown in `shown`'s colour space (matrix)
// whatever container holds them: not MJPEG's, unless it is BT.601's, since libavcodec's MJPEG
// decoder reads every JPEG as BT.601 (JFIF's), over what Matroska or MP4 records (FFmpeg 5.1:
// mjpegdec.c sets bt470bg when it opens; found 6 December 2026 by a hostile-input sweep: a BT.709
// input's native MJPEG output was shown through the BT.601 matrix, up to 41 levels off).
bool keeps_colour_space(const std::string& codec, const Presentation& shown);

// Whether `output` keeps `shown`'s colour tags on frames from libavcodec encoder `codec`: Matroska
// records them, and H.264 and HEVC carry them in the stream itself; MP4 records them (its 'colr'
// box, range included) only where the matrix, primaries and transfer are all named; AVI, NUT and
// MPEG-TS drop those of FFV1, MPEG-4 and MJPEG (libavformat 5.1, measured 6 December 2026).
bool keeps_colour_tags(const std::filesystem::path& output, const std::string& codec, const Presentation& shown);

}  // namespace framebench::media
