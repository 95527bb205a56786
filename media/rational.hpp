#pragma once
#include <cstdint>

namespace framebench::media {

// A rate or time base, like AVRational but free of libav headers.
struct Rational {
  int num = 0;
  int den = 1;
  double value() const { return den ? static_cast<double>(num) / den : 0.0; }
  bool operator==(const Rational&) const = default;
};

}  // namespace framebench::media
