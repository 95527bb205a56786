#pragma once
// The summary table as a terminal shows it, in aligned columns: what `run` prints at its end,
// the same table `summary` and the exports give (reports/table_cells.hpp).
#include <string>

#include "reports/result_table.hpp"

namespace framebench::reports {

std::string terminal_table(const ResultTable& table);

}  // namespace framebench::reports
