#include "reports/table_export.hpp"

namespace framebench::reports {

namespace {

// The place said as AtomicFile says it (a folder that is not there, a device, no room), before
// the lock, which would only say that it cannot make its own file there.
const std::filesystem::path& writable(const std::filesystem::path& path) {
  const AtomicFile probe(path);
  return path;
}

}  // namespace

TableExport::TableExport(const std::filesystem::path& path, TableFormat format)
    : path_(path), lock_(writable(path)), file_(path), format_(format) {}

void TableExport::write(const ResultFile& results) {
  const auto table = result_table(results);
  file_.write(format_ == TableFormat::markdown ? markdown_table(table) : csv_table(table));
  file_.commit();
}

}  // namespace framebench::reports
