#include "cli/cli.hpp"
#include "core/large_allocations.hpp"

int main(int argc, char** argv) {
  framebench::map_large_allocations();
  return framebench::cli::run_cli(argc, argv);
}
