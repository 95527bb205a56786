#include "tests/support/run_framebench.hpp"

#include <gtest/gtest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ostream>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench::testing {

namespace {
// A results file `run` or `kernels` wrote with --out must match docs/result-schema.json, whatever
// the test itself checks.
void expect_schema_valid_results(const std::vector<std::string>& args, const std::filesystem::path& working_dir) {
  if (args.empty() || (args[0] != "run" && args[0] != "kernels")) return;
  const auto out = std::find(args.begin(), args.end(), "--out");
  if (out == args.end() || out + 1 == args.end()) return;
  const std::filesystem::path file = (working_dir.empty() ? std::filesystem::current_path() : working_dir) / *(out + 1);
  if (!std::filesystem::is_regular_file(file)) return;  // none written, or a pipe a test gave as --out
  const auto check = run_capture({"python3", FRAMEBENCH_SOURCE_DIR "/scripts/check-results", file.string()});
  EXPECT_TRUE(check.status.ok()) << "docs/result-schema.json: " << check.out;
}

}  // namespace

CliResult run_program(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  ScratchDir io("framebench-cli-test");
  SpawnOptions options;
  options.stderr_file = io / "stderr";
  options.pipe_stdout = true;
  options.extra_env = env;
  Subprocess child(argv, options);
  CliResult result;
  result.out = read_to_end(child.stdout_fd());
  child.close_stdout();
  const auto status = child.wait();
  result.exit_code = status.signal ? 128 + status.signal : status.code;
  result.err = slurp(io / "stderr");
  return result;
}

CliResult run_framebench(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::filesystem::path& working_dir) {
  std::vector<std::string> argv = {"env", "-C", working_dir.empty() ? std::filesystem::current_path().string() : working_dir.string(),
                                   FRAMEBENCH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> full_env = {"FRAMEBENCH_CACHE_DIR=" FRAMEBENCH_TEST_CACHE_DIR};
  full_env.insert(full_env.end(), env.begin(), env.end());
  const CliResult result = run_program(argv, full_env);
  expect_schema_valid_results(args, working_dir);
  return result;
}

CliResult run_framebench_in_terminal(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv = {FRAMEBENCH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  winsize size{};
  size.ws_row = 40;
  size.ws_col = 160;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) ADD_FAILURE() << "forkpty failed";
  if (pid == 0) {  // the child: framebench, on the terminal's other end
    setenv("TERM", "xterm", 1);
    setenv("FRAMEBENCH_CACHE_DIR", FRAMEBENCH_TEST_CACHE_DIR, 1);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    execv(FRAMEBENCH_BINARY, c_argv.data());
    _exit(127);
  }
  CliResult result;
  char buffer[4096];
  for (;;) {  // until the child closes the terminal (EIO on Linux)
    const ssize_t n = ::read(master, buffer, sizeof buffer);
    if (n > 0) result.out.append(buffer, static_cast<std::size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

void expect_one_line_error(const CliResult& r, const std::string& must_contain) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const auto err = lines(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find(must_contain), std::string::npos) << err[0];
}

void PrintTo(const StrategyRun& s, std::ostream* os) { *os << s.name; }

}  // namespace framebench::testing
