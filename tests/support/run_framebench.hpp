#pragma once
// Runs the real framebench binary for end-to-end tests, capturing its exit status and output.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "tests/support/files.hpp"

namespace framebench::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (a program and its arguments) with `env` ("KEY=VALUE") added to ours, capturing its
// exit status (128 + signal when killed), stdout and stderr.
CliResult run_program(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

// `env` entries are "KEY=VALUE" added to ours; FRAMEBENCH_CACHE_DIR defaults to a cache shared
// by the test run (under the build tree) so generated datasets are made once.
// A results file that `run` or `kernels` wrote with --out is checked against
// docs/result-schema.json (a test failure if it does not match).
CliResult run_framebench(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                         const std::filesystem::path& working_dir = {});

// The same, with stdout and stderr on a pseudo-terminal of 160 columns, as in an interactive shell:
// `out` holds both streams as the terminal received them (\r\n line ends), `err` stays empty.
CliResult run_framebench_in_terminal(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// A strategy as a test runs it: its name and the flags given with it. PrintTo names each case of
// a test over every strategy by it in ctest's list.
struct StrategyRun {
  std::string name;
  std::vector<std::string> flags;
};
void PrintTo(const StrategyRun& s, std::ostream* os);

// Bad input's contract: exit status 2 and exactly one line on stderr, containing `must_contain`.
void expect_one_line_error(const CliResult& r, const std::string& must_contain);

}  // namespace framebench::testing
