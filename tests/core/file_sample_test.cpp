#include "core/file_sample.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/scratch_dir.hpp"

namespace framebench {
namespace {

std::string pattern(std::size_t bytes) {
  std::string s(bytes, '\0');
  for (std::size_t i = 0; i < bytes; ++i) s[i] = static_cast<char>((i * 2654435761u) >> 13);
  return s;
}

void write(const std::filesystem::path& file, const std::string& bytes) { std::ofstream(file, std::ios::binary) << bytes; }

TEST(FileSample, OneFileSamplesAlikeAndAByteInAWindowTellsAnotherApart) {
  const ScratchDir dir("file-sample-test");
  const std::string bytes = pattern(5 << 20);
  write(dir / "a", bytes);
  write(dir / "b", bytes);
  const auto a = sample_file(dir / "a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->bytes, bytes.size());
  EXPECT_EQ(sample_file(dir / "b"), a);
  const std::size_t eighth_window = (bytes.size() - (64 << 10)) * 7 / 15;
  for (const std::size_t at : {std::size_t{100}, eighth_window + 10, bytes.size() - 1}) {  // the first, a middle and the last window
    std::string other = bytes;
    other[at] = static_cast<char>(other[at] ^ 1);
    write(dir / "b", other);
    EXPECT_NE(sample_file(dir / "b"), a) << "byte " << at;
  }
  // What a sample cannot see: a byte between its windows (the first ends at 64 KiB, the second
  // starts at a fifteenth of the way to the last's start).
  std::string between = bytes;
  between[100 << 10] ^= 1;
  write(dir / "b", between);
  EXPECT_EQ(sample_file(dir / "b"), a);
}

TEST(FileSample, SmallAndEmptyFilesAreReadWholeAndAMissingOneIsNone) {
  const ScratchDir dir("file-sample-small-test");
  write(dir / "empty", "");
  write(dir / "small", "abc");
  write(dir / "other", "abd");
  ASSERT_TRUE(sample_file(dir / "empty"));
  EXPECT_EQ(sample_file(dir / "empty")->bytes, 0u);
  ASSERT_TRUE(sample_file(dir / "small"));
  EXPECT_NE(sample_file(dir / "small"), sample_file(dir / "other"));
  EXPECT_FALSE(sample_file(dir / "missing"));
}

}  // namespace
}  // namespace framebench
