#include "cli/cli.hpp"

int main(int argc, char** argv) { return framebench::cli::run_cli(argc, argv); }
