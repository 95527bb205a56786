#include "reports/table_export.hpp"

namespace framebench::reports {

TableExport::TableExport(const std::filesystem::path& path, TableFormat format)
    : path_(path), folders_(path), lock_(AtomicFile::writable(path)), file_(path), format_(format) {}

void TableExport::write(const ResultFile& results) {
  const auto table = result_table(results);
  file_.write(format_ == TableFormat::markdown ? markdown_table(table) : csv_table(table));
  file_.commit();
}

}  // namespace framebench::reports
