#include "core/distinct_files.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

void expect_clash(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs, const std::string& message) {
  try {
    check_distinct_files(outputs, inputs);
    ADD_FAILURE() << "no clash found; expected: " << message;
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

TEST(DistinctFiles, AFileUnderAnotherNameIsTheSameFile) {
  ScratchDir dir("distinct-files");
  std::ofstream(dir / "a.toml") << "x";
  fs::create_symlink(dir / "a.toml", dir / "link.toml");
  fs::create_hard_link(dir / "a.toml", dir / "hard.toml");
  const std::string a = (dir / "a.toml").string();
  for (const fs::path& other : {dir / "." / "a.toml", dir / "link.toml", dir / "hard.toml"})
    expect_clash({{other, "--out"}}, {{a, "the config"}}, fmt::format("{}: --out would overwrite the config ({})", other.string(), a));
}

TEST(DistinctFiles, FilesNotYetWrittenClashByTheirPaths) {
  ScratchDir dir("distinct-files");
  const fs::path r = dir / "r.json", again = dir / "sub" / ".." / "r.json";
  expect_clash({{r, "--out"}, {again, "--export-csv"}}, {},
               fmt::format("{}: --export-csv would overwrite --out ({})", again.string(), r.string()));
  EXPECT_NO_THROW(check_distinct_files({{r, "--out"}, {dir / "r.csv", "--export-csv"}, {"", "--export-markdown"}}, {{"", "unset"}}));
}

}  // namespace
}  // namespace framebench
