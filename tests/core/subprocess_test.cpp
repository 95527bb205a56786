#include "core/subprocess.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <string>

#include "core/error.hpp"

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

TEST(Subprocess, ReportsExitCodeAndSignal) {
  EXPECT_EQ(run_capture({"sh", "-c", "exit 3"}).status.code, 3);
  Subprocess sleeper({"sleep", "30"});
  sleeper.kill(SIGTERM);
  const auto status = sleeper.wait();
  EXPECT_EQ(status.signal, SIGTERM);
  EXPECT_NE(status.describe().find("signal"), std::string::npos);
}

TEST(Subprocess, MissingProgramIsAnError) {
  EXPECT_THROW(Subprocess({"/nonexistent/framebench-nothing"}), Error);
}

}  // namespace
}  // namespace framebench
