#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/result_text.hpp"
#include "core/status_line.hpp"
#include "cli/command.hpp"
#include "cli/mpi_ranks.hpp"
#include "harness/environment.hpp"
#include "media/libav_log.hpp"

namespace framebench::cli {

namespace {

// A file whose name starts with '-' reads as an option, and CLI11 then complains about whatever
// it made of the rest ("output is required"); say what happened instead.
std::string dash_file_hint(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    std::error_code ec;
    if (arg.size() > 1 && arg[0] == '-' && std::filesystem::exists(arg, ec))
      return fmt::format("; '{}' is a file, read as an option: write ./{} or put -- before the file names", arg, arg);
  }
  return {};
}

int run_cli_interrupted(const Interrupted& e) {
  StatusLine::standard_error().clear();
  const std::string outcome = e.outcome().empty() ? "" : ": " + one_printable_line(e.outcome());  // it names files
  std::fprintf(stderr, "framebench: %s; stopped%s\n", e.what(), outcome.c_str());
  return 128 + e.signal();
}
}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"framebench: benchmark harness for parallel video processing strategies", "framebench"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string(framebench_version_string()));
  CommandAction action;
  add_run_command(app, action);
  add_process_command(app, action);
  add_list_command(app, action);
  add_datasets_command(app, action);
  add_env_command(app, action);
  add_kernels_command(app, action);
  add_report_command(app, action);
  add_compare_command(app, action);
  add_scale_model_command(app, action);
  add_summary_command(app, action);
  add_completion_command(app, action);
  add_man_command(app, action);
  // [other commands: add here]

  // A first word that names no command: CLI11 would say only that a command is required.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      std::fprintf(stderr, "framebench: %s (see --help)\n", one_printable_line(unknown_name_message("command", argv[1], names)).c_str());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help and friends
    // One line, like every other bad input (CLI11's own message adds a second).
    std::fprintf(stderr, "framebench: %s (see --help)%s\n", one_printable_line(e.what()).c_str(), dash_file_hint(argc, argv).c_str());
    return 2;
  }
  if (const auto problem = media::libav_log_setting_problem(); !problem.empty()) StatusLine::standard_error().warn(problem);
  const InterruptGuard interrupts;
  // Outside the try: a failure is printed before the ranks are stopped, which may end the job.
  std::optional<MpiRanks> ranks;
  try {
    const bool fleet = app.got_subcommand("run") && app.get_subcommand("run")->get_option("--fleet")->count() > 0;
    ranks.emplace(app.got_subcommand("process") || app.got_subcommand("run"), fleet);
    if (ranks->stands_down()) return 2;
    if (ranks->serves_chunks()) return ranks->serve();
    return action ? action() : 0;
  } catch (const Interrupted& e) {
    return run_cli_interrupted(e);
  } catch (const InputError& e) {
    StatusLine::standard_error().clear();  // the error gets a line of its own
    std::fprintf(stderr, "framebench: %s\n", one_printable_line(e.what()).c_str());
    return 2;
  } catch (const std::exception& e) {
    // A failure caused by the interruption itself (its children were stopped) is the interruption.
    if (const int sig = interrupt_signal()) return run_cli_interrupted(Interrupted(sig));
    if (std::ferror(stdout)) return 1;  // fmt's "cannot write to file": main says it once, naming standard output
    StatusLine::standard_error().clear();
    std::fprintf(stderr, "framebench: error: %s\n", e.what());
    return 1;
  }
}

}  // namespace framebench::cli
