#include "core/output_lock.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

TEST(OutputLock, ASecondWriterOfTheSameOutputIsRefusedNamingIt) {
  const ScratchDir dir("output-lock-test");
  const fs::path out = dir / "same.json";
  {
    const OutputLock first(out);
    EXPECT_EQ(first.path(), dir / ".same.json.lock");
    EXPECT_TRUE(fs::exists(first.path()));
    try {
      const OutputLock second(out);
      ADD_FAILURE() << "two writers of one output";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(out.string() + ": another framebench is writing it now"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(OutputLock(dir / "other.json")) << "another output is another lock";
  }
  EXPECT_FALSE(fs::exists(dir / ".same.json.lock")) << "the lock file goes with its owner";
  EXPECT_NO_THROW(OutputLock{out});
}

TEST(OutputLock, ALockFileLeftByAKilledOwnerDoesNotHoldTheOutput) {
  const ScratchDir dir("output-lock-test");
  std::ofstream(dir / ".r.json.lock").close();  // what SIGKILL leaves: the file, with no lock on it
  { const OutputLock taken(dir / "r.json"); }
  EXPECT_FALSE(fs::exists(dir / ".r.json.lock"));
}

}  // namespace
}  // namespace framebench
