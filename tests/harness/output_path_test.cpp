// The container each encoder's case outputs use in `run`: the usual one, and always one that
// libavformat says holds the codec.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "core/output_lock.hpp"
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

// A name framebench chooses is never one in use: two runs in one second replaced the first's
// results, one after the other, or were refused side by side for a name the user never gave
// (found 6 December 2026 by a sweep of concurrent use).
TEST(OutputPath, TheDefaultResultsNameIsNeverOneInUse) {
  const ScratchDir dir("output-path-test");
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  std::filesystem::create_directory("results");
  const auto first = default_results_path("quick");
  std::ofstream(first) << "{}";
  const auto second = default_results_path("quick");
  EXPECT_NE(second, first);
  const OutputLock being_written(second);  // a run side by side, its file not yet written
  const auto third = default_results_path("quick");
  EXPECT_NE(third, first);
  EXPECT_NE(third, second);
  EXPECT_FALSE(std::filesystem::exists(third));
  EXPECT_EQ(third.parent_path(), "results");
  std::filesystem::current_path(before);
}

}  // namespace
}  // namespace framebench::harness
