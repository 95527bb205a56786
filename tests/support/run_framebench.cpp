#include "tests/support/run_framebench.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench::testing {

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

CliResult run_framebench(const std::vector<std::string>& args, const std::vector<std::string>& env,
                         const std::filesystem::path& working_dir) {
  ScratchDir io("framebench-cli-test");
  std::vector<std::string> argv = {"env", "-C", working_dir.empty() ? std::filesystem::current_path().string() : working_dir.string(),
                                   FRAMEBENCH_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  SpawnOptions options;
  options.stderr_file = io / "stderr";
  options.pipe_stdout = true;
  options.extra_env = {"FRAMEBENCH_CACHE_DIR=" FRAMEBENCH_TEST_CACHE_DIR};
  options.extra_env.insert(options.extra_env.end(), env.begin(), env.end());
  Subprocess child(argv, options);
  CliResult result;
  result.out = read_to_end(child.stdout_fd());
  child.close_stdout();
  const auto status = child.wait();
  result.exit_code = status.signal ? 128 + status.signal : status.code;
  result.err = slurp(io / "stderr");
  return result;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void expect_one_line_error(const CliResult& r, const std::string& must_contain) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const auto err = lines(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_NE(err[0].find(must_contain), std::string::npos) << err[0];
}

}  // namespace framebench::testing
