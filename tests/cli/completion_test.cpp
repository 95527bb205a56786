// Shell completion and the man page, generated from the CLI11 definition: the bash script loads
// in bash and completes commands, flags and names; the zsh script loads in zsh; the man page
// renders without warnings and lists what --help lists.
#include <gtest/gtest.h>

#include <fstream>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using testing::lines;
using testing::run_framebench;

fs::path save(const ScratchDir& dir, const std::string& name, const std::vector<std::string>& args) {
  const auto r = run_framebench(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::ofstream(dir / name) << r.out;
  return dir / name;
}

// What bash's completion offers for the words typed so far (the last one being completed).
std::vector<std::string> bash_complete(const fs::path& script, const std::string& typed) {
  const auto r = run_capture({"bash", "--norc", "-c",
                              "source \"$1\" || exit 1; COMP_WORDS=($2); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _framebench; "
                              "for w in \"${COMPREPLY[@]}\"; do echo \"$w\"; done",
                              "bash", script.string(), typed});
  EXPECT_TRUE(r.status.ok()) << typed;
  return lines(r.out);
}

using Words = std::vector<std::string>;

TEST(Completion, BashCompletesCommandsFlagsAndNames) {
  ScratchDir dir("completion-test");
  const auto script = save(dir, "framebench.bash", {"completion", "bash"});
  EXPECT_EQ(bash_complete(script, "framebench pro"), Words{"process"});
  EXPECT_EQ(bash_complete(script, "framebench process in.mp4 out.mp4 --ver"), Words{"--verify"});
  EXPECT_EQ(bash_complete(script, "framebench run configs/quick.toml --benchmark-c"), Words{"--benchmark-console"});
  EXPECT_EQ(bash_complete(script, "framebench process in.mp4 out.mp4 --strategy tbb-p"), Words{"tbb-pipeline"});
  EXPECT_EQ(bash_complete(script, "framebench process in.mp4 out.mp4 -e ffv"), Words{"ffv1"});
  EXPECT_EQ(bash_complete(script, "framebench datasets m"), Words{"make"});
  // Fixed words of other options too (found 5 December 2026 by a review of first use).
  EXPECT_EQ(bash_complete(script, "framebench run configs/quick.toml --order r"), Words{"random"});
  EXPECT_EQ(bash_complete(script, "framebench process in.mp4 out.mp4 --split ex"), Words{"exact"});
  EXPECT_EQ(bash_complete(script, "framebench kernels --impl cpu-f"), (Words{"cpu-fast", "cpu-fast-portable", "cpu-fft"}));
  // Positionals that take fixed words (found 6 December 2026 by a documentation walk-through).
  EXPECT_EQ(bash_complete(script, "framebench list enc"), Words{"encoders"});
  EXPECT_EQ(bash_complete(script, "framebench completion z"), Words{"zsh"});
  EXPECT_EQ(bash_complete(script, "framebench datasets make testsrc2-10"), Words{"testsrc2-1080p"});
  EXPECT_EQ(bash_complete(script, "framebench w"), Words{});  // the hidden worker command is not offered
  // Where a file is expected nothing is offered, so bash's `-o default` completes file names.
  EXPECT_EQ(bash_complete(script, "framebench process in"), Words{});
  const auto r = run_capture({"bash", "--norc", "-c", "source \"$1\" && complete -p framebench", "bash", script.string()});
  EXPECT_EQ(r.out, "complete -o default -F _framebench framebench\n");
}

TEST(Completion, ZshScriptLoadsAndRegistersItself) {
  ScratchDir dir("completion-test");
  const auto script = save(dir, "_framebench", {"completion", "zsh"});
  EXPECT_TRUE(run_capture({"zsh", "-n", script.string()}).status.ok());
  // Sourced outside $fpath it registers the function with compdef (stood in for here: compinit
  // needs an interactive shell).
  const auto r = run_capture({"zsh", "-f", "-c", "compdef() { print -r -- \"compdef $*\" }; source \"$1\" && whence -w _framebench",
                              "zsh", script.string()});
  EXPECT_TRUE(r.status.ok()) << r.out;
  EXPECT_EQ(r.out, "compdef _framebench framebench\n_framebench: function\n");
  std::ifstream in(script);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(text.starts_with("#compdef framebench\n"));
  EXPECT_NE(text.find("'--min-psnr:with --verify"), std::string::npos);
}

TEST(ManPage, RendersWithoutWarningsAndListsEveryCommand) {
  ScratchDir dir("completion-test");
  const auto page = save(dir, "framebench.1", {"man"});
  const auto warnings = run_capture({"bash", "-c", "groff -man -Tutf8 -ww -z \"$1\" 2>&1", "bash", page.string()});
  EXPECT_TRUE(warnings.status.ok());
  EXPECT_EQ(warnings.out, "");
  const auto shown = run_capture({"bash", "-c", "MANWIDTH=120 man -l \"$1\" 2>&1", "bash", page.string()});
  ASSERT_TRUE(shown.status.ok()) << shown.out;
  EXPECT_TRUE(shown.out.starts_with("FRAMEBENCH(1)")) << shown.out.substr(0, 200);
  for (const char* expected : {"framebench process input output [OPTIONS]", "--min-psnr", "framebench datasets make", "framebench kernels",
                               "framebench completion shell", "EXIT STATUS"})
    EXPECT_NE(shown.out.find(expected), std::string::npos) << expected;
  // Optional positionals in brackets, and a footer's lines kept apart (found 6 December 2026 by a
  // review of first use: "framebench list what", and completion's two lines run together).
  for (const char* expected : {"framebench list [what]", "framebench datasets make [names]"})
    EXPECT_NE(shown.out.find(expected), std::string::npos) << expected;
  EXPECT_EQ(shown.out.find("/etc/bash_completion.d/framebench zsh:"), std::string::npos) << shown.out;
  // A heading is its usage line, no space doubled or left at its end (found 6 December 2026 by a
  // sweep of the less-used commands: "framebench kernels  [OPTIONS]", "framebench env ").
  std::ifstream roff(page);
  for (std::string line; std::getline(roff, line);)
    if (line.starts_with(".SS \"")) {
      EXPECT_EQ(line.find("  "), std::string::npos) << line;
      EXPECT_FALSE(line.ends_with(" \"")) << line;
    }
  // What --help says beside each option, the page says too (found 5 December 2026 by a review of
  // the docs against the binary: every default and the required --kernel were missing, and the
  // exit statuses after a signal).
  for (const char* expected : {"kernel (framebench list kernels) (required)", "(default: single-core)", "(default: x264-ultrafast)",
                               "130, 143", "--fail-if-slower PCT", "(framebench list datasets)"})
    EXPECT_NE(shown.out.find(expected), std::string::npos) << expected;
  // Every variable the sources read, ENVIRONMENT names (beside those that are not the user's to
  // set: HOME and XDG_CACHE_HOME, named under FRAMEBENCH_CACHE_DIR; PATH; the sanitizers').
  const auto read = run_capture({"bash", "-c", "grep -rhoE 'getenv\\(\"[A-Z_]+\"\\)' \"$1\"/{cli,core,harness,media,strategies,datasets,"
                                               "reports,kernels,mpi} | sort -u", "bash", FRAMEBENCH_SOURCE_DIR});
  ASSERT_TRUE(read.status.ok());
  const std::string environment = shown.out.substr(shown.out.find("ENVIRONMENT"));
  int variables = 0;
  for (const auto& line : lines(read.out)) {
    const std::string name = line.substr(line.find('"') + 1, line.rfind('"') - line.find('"') - 1);
    ++variables;
    if (name == "PATH" || name == "ASAN_OPTIONS") continue;
    EXPECT_NE(environment.find(name), std::string::npos) << name << " is read but not in the man page's ENVIRONMENT";
  }
  EXPECT_GE(variables, 8) << read.out;
}

}  // namespace
}  // namespace framebench
