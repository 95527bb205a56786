// The container each encoder's case outputs use in `run`: the usual one, and always one that
// libavformat says holds the codec.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

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
  // A folder that cannot be made takes those made above it away again (found 6 December 2026 by a
  // sweep of environments: a name too long left "new/").
  EXPECT_THROW(prepare_output_directory(dir / "new" / std::string(300, 'a') / "r.json"), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir / "new"));
  std::filesystem::create_symlink(dir / "nowhere", dir / "results");
  try {
    prepare_output_directory(dir / "results" / "r.json");
    ADD_FAILURE() << "a link to nothing taken for a folder";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("results is a link to nothing"), std::string::npos) << e.what();
  }
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

// sethostname allows '/' and line breaks, which made a folder or a line break in the default name
// (found 6 December 2026 by a sweep of environments). In a child in a UTS namespace of its own, so
// that the tests after it in this process keep the host's name.
TEST(OutputPath, TheDefaultResultsNameTakesTheHostAsAFileNameCan) {
  constexpr int kNoNamespace = 77;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string odd = "rack/7\nnode";
    if (::unshare(CLONE_NEWUTS) != 0 || ::sethostname(odd.data(), odd.size()) != 0) ::_exit(kNoNamespace);
    const auto path = default_results_path("quick");
    ::_exit(path.parent_path() == "results" && path.filename().string().starts_with("quick-rack_7_node-") ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == kNoNamespace) GTEST_SKIP() << "cannot make a UTS namespace here (needs root)";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the host's '/' or line break reached the file name";
}

}  // namespace
}  // namespace framebench::harness
