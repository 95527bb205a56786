#include "harness/cli.hpp"

int main(int argc, char** argv) { return framebench::harness::run_cli(argc, argv); }
