#include "core/scratch_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace framebench {
namespace {
namespace fs = std::filesystem;

TEST(ScratchDir, RemovesEverythingInside) {
  fs::path where;
  {
    ScratchDir dir("scratch-test");
    where = dir.path();
    fs::create_directories(dir / "a/b");
    std::ofstream(dir / "a/b/file") << std::string(1000, 'z');
    EXPECT_EQ(dir.bytes(), 1000u);
  }
  EXPECT_FALSE(fs::exists(where));
}

TEST(AtomicFile, NothingAppearsUntilCommit) {
  ScratchDir dir("atomic-test");
  const auto target = dir / "result.json";
  {
    AtomicFile file(target);
    std::ofstream(file.temp_path()) << "half";
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir.path()));
  {
    AtomicFile file(target);
    std::ofstream(file.temp_path()) << "whole";
    file.commit();
  }
  std::string text;
  std::ifstream(target) >> text;
  EXPECT_EQ(text, "whole");
}

}  // namespace
}  // namespace framebench
