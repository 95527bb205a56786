#include "reports/table_export.hpp"

#include <fstream>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::reports {

void TableExport::write(const ResultFile& results) {
  const auto table = result_table(results);
  {
    std::ofstream out(file_.temp_path(), std::ios::binary);
    out << (format_ == TableFormat::markdown ? markdown_table(table) : csv_table(table));
    if (!out.flush()) throw Error(fmt::format("{}: cannot write", path_.string()));
  }
  file_.commit();
}

}  // namespace framebench::reports
