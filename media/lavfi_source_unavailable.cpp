// LavfiSource in a build without libavfilter (FRAMEBENCH_LAVFI=OFF): the GPU machine's payload
// leaves libavfilter out, since it alone pulls in some 20 MiB of libraries (speech synthesis, SVG,
// LAPACK) that nothing else needs, and carries the clips it runs ready-made (scripts/bundle).
#include <fmt/format.h>

#include "core/error.hpp"
#include "media/lavfi_source.hpp"

namespace framebench::media {

std::string libavfilter_version() { return "not built in"; }

struct LavfiSource::Impl {};

LavfiSource::LavfiSource(const std::string& graph) {
  throw InputError(fmt::format("cannot render '{}': this framebench was built without libavfilter (FRAMEBENCH_LAVFI=OFF); "
                               "generate the clip with a full build and copy it and its .json into the dataset cache",
                               graph));
}
LavfiSource::~LavfiSource() = default;
bool LavfiSource::read(Frame&) { return false; }
int LavfiSource::width() const { return 0; }
int LavfiSource::height() const { return 0; }
Rational LavfiSource::frame_rate() const { return {}; }

}  // namespace framebench::media
