#pragma once

namespace framebench::cli {

// Parses the command line and runs the command. Returns the exit status:
// 0 all good, 1 a case failed or did not verify, 2 bad usage, config or input.
int run_cli(int argc, char** argv);

}  // namespace framebench::cli
