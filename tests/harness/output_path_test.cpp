// The container each encoder's case outputs use in `run`: the usual one, and always one that
// libavformat says holds the codec.
#include <gtest/gtest.h>

#include "harness/output_path.hpp"
#include "media/container.hpp"

namespace framebench::harness {
namespace {

TEST(OutputPath, EveryEncodersCasesUseAContainerThatHoldsIt) {
  for (const auto& spec : media::encoders()) {
    if (!media::encoder_unavailable_reason(spec).empty()) continue;
    const auto file = "case-1." + output_extension(spec);
    EXPECT_EQ(media::container_problem(spec, file), "") << spec.name;
  }
  EXPECT_EQ(output_extension(media::encoder("x264-ultrafast")), "mp4");
  EXPECT_EQ(output_extension(media::encoder("mpeg4")), "avi");  // as the talk's OpenCV writer
  EXPECT_EQ(output_extension(media::encoder("ffv1")), "mkv");
}

}  // namespace
}  // namespace framebench::harness
