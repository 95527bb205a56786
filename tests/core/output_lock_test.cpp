#include "core/output_lock.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

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

// Two processes making one output alike (a dataset's clip): the second waits, says so once, and
// has the output once the first is done.
TEST(OutputLock, AWaitingWriterGetsTheOutputOnceItsOwnerIsDone) {
  const ScratchDir dir("output-lock-test");
  const fs::path out = dir / "clip.mp4";
  std::optional<OutputLock> first(std::in_place, out);
  std::atomic<int> said{0};
  std::atomic<bool> taken{false};
  std::thread second([&] {
    const OutputLock lock(out, [&] { ++said; });
    taken = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_FALSE(taken) << "two owners at once";
  first.reset();
  second.join();
  EXPECT_TRUE(taken);
  EXPECT_EQ(said, 1);
}

// A writer killed outright leaves its temporaries (".r.tmp-XXXXXX.json", and ".." ones of writers
// inside it) hidden beside the output for good: the next owner removes them, and nothing else.
TEST(OutputLock, TheNextOwnerRemovesTheTemporariesAKilledWriterLeft) {
  const ScratchDir dir("output-lock-test");
  const std::vector<std::string> left = {".r.tmp-AbC123.json", "..r.tmp-AbC123.tmp-XyZ789.json"};
  const std::vector<std::string> kept = {"r.tmp-AbC123.json", ".r2.tmp-AbC123.json", ".r.tmp-AbC123.csv", ".r.json.bak", "r.json"};
  for (const auto& name : left) std::ofstream(dir / name) << "partial";
  for (const auto& name : kept) std::ofstream(dir / name) << "the user's";
  { const OutputLock taken(dir / "r.json"); }
  for (const auto& name : left) EXPECT_FALSE(fs::exists(dir / name)) << name;
  for (const auto& name : kept) EXPECT_TRUE(fs::exists(dir / name)) << name;
}

}  // namespace
}  // namespace framebench
