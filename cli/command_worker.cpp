#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "strategies/segments/worker_process.hpp"

namespace framebench::cli {

// `framebench worker`: what segment strategies start when they re-execute this binary. Hidden from
// help: the job comes as JSON on stdin and the answer goes as records on stdout, for the parent.
void add_worker_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("worker", "Run one segment for a segment strategy (started by framebench itself)");
  sub->group("");
  sub->callback([&action] { action = [] { return strategies::run_segment_worker(STDIN_FILENO, STDOUT_FILENO); }; });
}

}  // namespace framebench::cli
