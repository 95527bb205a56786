#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

#include "cli/command.hpp"
#include "core/status_line.hpp"
#include "harness/environment.hpp"
#include "harness/machine_state.hpp"
#include "media/versions.hpp"

namespace framebench::cli {

void add_env_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("env", "Print what results record about this build and machine, and the machine's state now");
  sub->callback([&action] {
    action = [] {
      // The state a run records as it begins, sampled the same way (half a second of the others'
      // CPU share), with the same warnings: whether the machine is quiet enough to measure on now.
      const harness::MachineStateSample sample;
      for (const auto& [key, value] : harness::collect_environment()) fmt::print("{:<30} {}\n", key, value);
      fmt::print("{:<30} {}\n", "ffmpeg_program", media::ffmpeg_program());  // what a run with a peer records
      const harness::MachineState state = sample.finish();
      for (const auto& [key, value] : state.context()) fmt::print("{:<30} {}\n", key, value);
      std::fflush(stdout);
      for (const auto& warning : state.warnings("in the last half second")) StatusLine::standard_error().warn(warning);
      return 0;
    };
  });
}

}  // namespace framebench::cli
