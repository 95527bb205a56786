#include "core/input_file.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"

namespace framebench {
namespace {

namespace fs = std::filesystem;

std::string refusal(const fs::path& file) {
  try {
    check_input_file(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(InputFile, OnlyARegularFileIsAVideoToRead) {
  const ScratchDir dir("input-file-test");
  std::ofstream(dir / "clip.mp4") << "bytes";
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  fs::create_symlink("loop", dir / "loop");
  EXPECT_EQ(refusal(dir / "clip.mp4"), "");
  EXPECT_EQ(refusal(dir / "missing.mp4"), (dir / "missing.mp4").string() + ": no such file");
  EXPECT_EQ(refusal(dir.path()), dir.path().string() + ": is a directory, not a video file");
  EXPECT_NE(refusal(dir / "fifo").find("not a regular file"), std::string::npos);
  EXPECT_NE(refusal("/dev/null").find("not a regular file"), std::string::npos);
  EXPECT_EQ(refusal(dir / "loop").find("no such file"), std::string::npos) << "a loop of links says so: " << refusal(dir / "loop");
}

// A descriptor's name is no use to a child, which would open its own descriptor of that number.
TEST(InputFile, ADescriptorsNameBecomesTheFileItIsOpenOn) {
  const ScratchDir dir("input-file-test");
  std::ofstream(dir / "clip.mp4") << "bytes";
  const int fd = ::open((dir / "clip.mp4").c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  EXPECT_EQ(shareable_input_path("/dev/fd/" + std::to_string(fd)), fs::canonical(dir / "clip.mp4"));
  ::close(fd);
  EXPECT_EQ(shareable_input_path("clips/a.mp4"), fs::path("clips/a.mp4")) << "other paths keep the user's words";
  int pipe_fds[2];
  ASSERT_EQ(::pipe2(pipe_fds, O_CLOEXEC), 0);
  EXPECT_THROW(shareable_input_path("/dev/fd/" + std::to_string(pipe_fds[0])), InputError) << "a pipe is no file to open again";
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
}

// What a run compares after each repetition: the same file untouched, against one rewritten in
// place or replaced by another under its name.
TEST(InputFile, TheStampChangesWhenTheFileIsRewrittenOrReplaced) {
  const ScratchDir dir("input-file-test");
  const auto clip = dir / "clip.mp4";
  std::ofstream(clip) << "bytes";
  const auto taken = InputStamp::of(clip);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(InputStamp::of(clip), taken) << "read, not changed";
  std::ofstream(clip, std::ios::app) << "more";
  EXPECT_NE(InputStamp::of(clip), taken) << "rewritten in place";
  const auto rewritten = InputStamp::of(clip);
  std::ofstream(dir / "other.mp4") << "bytesmore";
  fs::rename(dir / "other.mp4", clip);
  EXPECT_NE(InputStamp::of(clip), rewritten) << "another file under its name";
  fs::remove(clip);
  EXPECT_FALSE(InputStamp::of(clip).has_value());
}

}  // namespace
}  // namespace framebench
