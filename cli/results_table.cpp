#include "cli/results_table.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "reports/result_file.hpp"
#include "reports/result_table.hpp"
#include "reports/terminal_table.hpp"

namespace framebench::cli {

void print_results_table(const std::filesystem::path& results) {
  try {
    fmt::print("\n{}", reports::terminal_table(reports::result_table(reports::load_result_file(results))));
  } catch (const InputError& e) {  // the reader refusing what the command wrote: said, and the results kept
    fmt::print(stderr, "framebench: no summary table: {}\n", e.what());
  }
}

}  // namespace framebench::cli
