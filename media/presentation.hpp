#pragma once
// How an input's frames are to be shown, which its outputs keep: the pixel aspect ratio (0/1
// when the file does not say) and the colour tags, as libavutil's AVColorRange, AVColorSpace,
// AVColorPrimaries and AVColorTransferCharacteristic values (0, 2, 2, 2: unspecified). Found
// 5 December 2026 by a hostile-input sweep: outputs were written square-pixelled and untagged,
// so a 2:1 input was shown squeezed and a full-range input's native output in other colours.
// The display matrix (rotation) is not kept yet (docs/RELIABILITY.md, Open).
#include "media/rational.hpp"

namespace framebench::media {

struct Presentation {
  Rational sample_aspect{0, 1};
  int color_range = 0;
  int color_space = 2;
  int color_primaries = 2;
  int color_trc = 2;
  bool operator==(const Presentation&) const = default;

  // What an output keeps: the aspect always; the colour tags only where its samples are the
  // input's (the native path), since a BGR24 path's output is converted to BT.601 limited range,
  // which untagged means.
  Presentation for_output(bool samples_as_input) const {
    return samples_as_input ? *this : Presentation{.sample_aspect = sample_aspect};
  }
};

}  // namespace framebench::media
