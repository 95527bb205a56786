#include "reports/charts/chart_kind.hpp"

namespace framebench::reports {

namespace charts {
// Each is defined in the file of its kind.
const ChartKind& time_chart();
const ChartKind& speedup_chart();
const ChartKind& scaling_chart();
const ChartKind& stages_chart();
const ChartKind& throughput_chart();
const ChartKind& sweep_chart();
const ChartKind& hosts_chart();
}  // namespace charts

const std::vector<const ChartKind*>& chart_kinds() {
  using namespace charts;
  static const std::vector<const ChartKind*> kinds = {
      &time_chart(),
      &speedup_chart(),
      &scaling_chart(),
      &stages_chart(),
      &throughput_chart(),
      &sweep_chart(),
      &hosts_chart(),
  };
  return kinds;
}

std::string job_of(const CaseResult& c) {
  if (c.kind == CaseKind::e2e) return c.param("dataset") + "\n" + c.param("kernel");
  return c.param("pixel_format") == "native" ? c.param("size") + " native" : c.param("size");
}

}  // namespace framebench::reports
