#pragma once
// The table `run` and `kernels` end with: their results file's, read back as `summary` reads it,
// so that what a command shows at its end and what its file says are one table.
#include <filesystem>

namespace framebench::cli {

// Prints it to standard output; a file the reader refuses is said on standard error, and the
// results are kept.
void print_results_table(const std::filesystem::path& results);

}  // namespace framebench::cli
