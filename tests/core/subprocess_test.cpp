#include "core/subprocess.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include <string>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"

namespace framebench {
namespace {

TEST(Subprocess, PipesDataThroughAChild) {
  SpawnOptions options;
  options.pipe_stdin = true;
  options.pipe_stdout = true;
  options.pipe_size = 1 << 20;
  Subprocess cat({"cat"}, options);
  const std::string message(300000, 'x');  // larger than a default pipe buffer
  write_full(cat.stdin_fd(), message.data(), message.size());
  cat.close_stdin();
  std::string got(message.size(), '\0');
  EXPECT_EQ(read_full(cat.stdout_fd(), got.data(), got.size()), message.size());
  EXPECT_EQ(got, message);
  EXPECT_TRUE(cat.wait().ok());
}

TEST(Subprocess, ExtraEnvironmentReplacesOursOfTheSameName) {
  ::setenv("FRAMEBENCH_SUBPROCESS_TEST", "ours", 1);
  SpawnOptions options;
  options.pipe_stdout = true;
  options.extra_env = {"FRAMEBENCH_SUBPROCESS_TEST=first", "FRAMEBENCH_SUBPROCESS_TEST=theirs"};
  Subprocess child({"printenv", "FRAMEBENCH_SUBPROCESS_TEST"}, options);
  const auto out = read_to_end(child.stdout_fd());
  child.close_stdout();
  EXPECT_TRUE(child.wait().ok());
  EXPECT_EQ(out, "theirs\n");
  ::unsetenv("FRAMEBENCH_SUBPROCESS_TEST");
}

TEST(Subprocess, ReportsExitCodeAndSignal) {
  EXPECT_EQ(run_capture({"sh", "-c", "exit 3"}).status.code, 3);
  Subprocess sleeper({"sleep", "30"});
  sleeper.kill(SIGTERM);
  const auto status = sleeper.wait();
  EXPECT_EQ(status.signal, SIGTERM);
  EXPECT_NE(status.describe().find("signal"), std::string::npos);
}

TEST(Subprocess, ReadToEndTakesEverythingUntilTheWriterCloses) {
  SpawnOptions options;
  options.pipe_stdout = true;
  Subprocess child({"head", "-c", "200001", "/dev/zero"}, options);  // several pipe buffers, odd length
  EXPECT_EQ(read_to_end(child.stdout_fd()).size(), 200001u);
  EXPECT_TRUE(child.wait().ok());
}

TEST(Subprocess, FindInPathTakesExecutablesOnly) {
  const auto sh = find_in_path("sh");
  ASSERT_FALSE(sh.empty());
  EXPECT_EQ(sh.filename(), "sh");
  EXPECT_EQ(::access(sh.c_str(), X_OK), 0);
  EXPECT_TRUE(find_in_path("framebench-no-such-program").empty());
  const ScratchDir dir("find-in-path-test");
  std::filesystem::create_directory(dir / "tool");                  // a directory is not a program
  std::ofstream(dir / "data") << "not executable\n";                 // nor is a file without x
  const char* saved = std::getenv("PATH");
  const std::string old = saved ? saved : "";
  ::setenv("PATH", dir.path().c_str(), 1);
  const bool found_dir = !find_in_path("tool").empty(), found_data = !find_in_path("data").empty();
  ::setenv("PATH", old.c_str(), 1);
  EXPECT_FALSE(found_dir);
  EXPECT_FALSE(found_data);
}

// A tool found in PATH may hang or flood: the bounded run kills it at its deadline or its byte
// limit, keeps what came before, and leaves no child behind (found 7 December 2026 by a review:
// an `ffmpeg` that never ended held every run's start).
TEST(Subprocess, ABoundedRunKillsAChildThatHangsOrFloods) {
  const auto start = std::chrono::steady_clock::now();
  const auto hung = run_capture_bounded({"sh", "-c", "echo started; exec sleep 30"}, std::chrono::milliseconds(300), 1024);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(hung.cut_short);
  EXPECT_EQ(hung.run.out, "started\n");
  EXPECT_EQ(hung.run.status.signal, SIGKILL);
  const auto flood = run_capture_bounded({"yes"}, std::chrono::seconds(30), 1000);
  EXPECT_TRUE(flood.cut_short);
  EXPECT_EQ(flood.run.out.size(), 1000u);
  const auto quick = run_capture_bounded({"echo", "done"}, std::chrono::seconds(30), 1000);
  EXPECT_FALSE(quick.cut_short);
  EXPECT_EQ(quick.run.out, "done\n");
  EXPECT_TRUE(quick.run.status.ok());
}

TEST(Subprocess, MissingProgramIsAnError) {
  EXPECT_THROW(Subprocess({"/nonexistent/framebench-nothing"}), Error);
}

}  // namespace
}  // namespace framebench
