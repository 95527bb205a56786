#include "reports/result_table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "harness/case_matrix.hpp"
#include "harness/result_replay.hpp"
#include "reports/case_text.hpp"

namespace framebench::reports {

namespace {

std::optional<double> median_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<std::string> params_of(const std::map<std::string, std::string>& params, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(params.contains(n) ? params.at(n) : std::string());
  return out;
}

ResultTableRow case_row(const CaseResult& c, const std::vector<std::string>& names) {
  ResultTableRow row;
  auto params = c.params;
  // The workers the case really used, and whether the config asked for all cores ("all (2)", as
  // the report shows it): workers = [0, 2] on two cores are two cases that would both read "2".
  // A failed case recorded no count: "all" cores, as its config asked.
  if (c.kind == CaseKind::e2e) params["workers"] = workers_text(c);
  // The threads a kernel case used (multithreaded implementations take the budget); a GPU twin
  // records none and runs from one.
  if (c.kind == CaseKind::kernel) {
    const auto threads = median_of(c.counter_values("threads"));
    params["threads"] = fmt::format("{}", threads ? *threads : 1);
  }
  if (!params.contains("pixel_format")) params["pixel_format"] = "bgr24";
  row.params = params_of(params, names);
  row.repetitions = c.repetition_count();
  if (c.failed) {
    row.status = c.failure_text();
    return row;
  }
  row.median_s = median_of(c.times_s());
  // A GPU twin's iteration is a batch of frames; a kernel row's time is per frame, as its fps is
  // (found 6 December 2026 by a sweep of the reports: @device rows showed 8 frames' time).
  if (const auto batch = median_of(c.counter_values("batch")); c.kind == CaseKind::kernel && row.median_s && batch && *batch > 0)
    *row.median_s /= *batch;
  row.fps = median_of(c.counter_values("fps"));
  if (c.kind == CaseKind::e2e) row.output_bytes = median_of(c.counter_values("output_bytes"));
  if (c.kind == CaseKind::kernel) {
    row.bytes_per_second = median_of(c.counter_values("bytes_per_second"));
    row.bandwidth_fraction = median_of(c.counter_values("bandwidth_fraction"));
  }
  if (const auto& s = c.statistics) {
    row.speedup = s->speedup;
    // One repetition has no interval (the warning below the table says "one repetition gives no interval").
    row.noise = noise_of(c);
    if (row.repetitions > 1) {
      row.fps_low = s->fps.low;
      row.fps_high = s->fps.high;
      if (s->speedup_interval) {
        row.speedup_low = s->speedup_interval->low;
        row.speedup_high = s->speedup_interval->high;
      }
    }
  }
  row.status = status_text(c);
  return row;
}

}  // namespace

std::optional<double> noise_of(const CaseResult& c) {
  if (c.failed || !c.statistics || c.repetition_count() <= 1) return std::nullopt;
  return c.statistics->noise;
}

ResultTable result_table(const ResultFile& file) {
  ResultTable table;
  const bool kernels = !file.cases.empty() && std::all_of(file.cases.begin(), file.cases.end(), [](const auto& c) {
    return c.kind == CaseKind::kernel;
  });
  table.param_names = kernels ? std::vector<std::string>{"impl", "kernel", "size", "threads"}
                              : std::vector<std::string>{"strategy", "dataset", "kernel", "encoder", "workers"};
  // Only files with native-path cases, run or skipped, get the column (BGR24 names carry no pixel_format).
  if (std::any_of(file.cases.begin(), file.cases.end(), [](const auto& c) { return c.params.contains("pixel_format"); }) ||
      std::any_of(file.unavailable.begin(), file.unavailable.end(),
                  [](const auto& u) { return parse_case_name(u.name).params.contains("pixel_format"); }))
    table.param_names.push_back("pixel_format");
  table.confidence = file.context_number("confidence");
  table.baseline = file.context_string("baseline");
  table.order = file.context_string("order");
  std::vector<const CaseResult*> cases;
  for (const auto& c : file.cases) cases.push_back(&c);
  table.native_over_bgr24 = native_paired_over_bgr24(cases, table.baseline);
  if (kernels)
    table.kernels = KernelTableNotes{.single_core_bytes_per_s = file.context_number("mem_bandwidth_single_core_bytes_per_s"),
                                     .all_cores_bytes_per_s = file.context_number("mem_bandwidth_all_cores_bytes_per_s"),
                                     .library_debug = file.context_string("library_build_type") == "debug"};
  // As `run`'s table says it: a case of a run whose [verify] mode was off was not checked.
  const bool unchecked = file.context_string("verify_mode") == "off";
  for (const auto& c : file.cases) {
    table.rows.push_back(case_row(c, table.param_names));
    // Its baseline case failed, was skipped, or was left out of the run (a --filter, the config).
    if (c.kind == CaseKind::e2e && !c.failed && c.statistics && !c.statistics->speedup && c.param("strategy") != table.baseline)
      ++table.unpaired;
    if (unchecked && c.kind == CaseKind::e2e && !c.failed) table.rows.back().status += ", not verified (verify mode off)";
    table.output_sizes = table.output_sizes || table.rows.back().output_bytes.has_value();
  }
  for (const auto& u : file.unavailable) {
    ResultTableRow row;
    auto params = parse_case_name(u.name).params;
    if (params.contains("workers")) params["workers"] = workers_text(params["workers"], 0);  // as a failed case's
    if (!params.contains("pixel_format")) params["pixel_format"] = "bgr24";                // as a run case's
    row.params = params_of(params, table.param_names);
    const std::string whose = harness::scope_text(u.scope, "that");
    row.status = fmt::format("skipped{}{}: {}", whose.empty() ? "" : ", ", whose, u.reason);
    table.rows.push_back(row);
  }
  return table;
}

}  // namespace framebench::reports
