// The container each encoder's case outputs use in `run`: the usual one, and always one that
// libavformat says holds the codec.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
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

// A path naming a folder is refused before any folder is made (found 5 December 2026 by a
// hostile-input sweep: `kernels --out sub/x/` made sub/x/, then refused it).
TEST(OutputPath, AFolderIsRefusedBeforeItIsMade) {
  const ScratchDir dir("output-path-test");
  EXPECT_THROW(prepare_output_directory(dir / "sub" / "x" / ""), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "sub"));
  EXPECT_THROW(prepare_output_directory(dir.path()), InputError);
  prepare_output_directory(dir / "made" / "r.json");
  EXPECT_TRUE(std::filesystem::is_directory(dir / "made"));
}

}  // namespace
}  // namespace framebench::harness
