#pragma once
// One kind of chart behind one interface: which cases a chart of it is drawn from, whether they
// hold what it shows, and the chart itself. A new kind is one file defining a subclass and its
// accessor, which chart_kinds.cpp declares and lists.
#include <string>
#include <string_view>
#include <vector>

#include "reports/charts.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

// The cases and result files of one machine: charts never mix hosts except the across-machines one.
struct HostData {
  std::string host;
  std::vector<const ResultFile*> files;
  std::vector<const CaseResult*> cases;  // a case run in several files of one host: the last file's
};

// What one chart is drawn from.
enum class Scope {
  e2e_job,            // end-to-end cases of one host with the same dataset and kernel
  kernel_frame_size,  // kernel cases of one host with the same frame size
  across_hosts,       // the cases of one kind (e2e or kernel) of every host
};

// What a host's cases are grouped by before each kind splits them: end-to-end cases by job
// (dataset and kernel), kernel cases by frame size and pixel path (the native path's planes are
// another amount of data).
std::string job_of(const CaseResult& c);

struct ChartCases {
  CaseKind kind = CaseKind::other;
  std::vector<const CaseResult*> cases;  // never empty
  const HostData* host = nullptr;        // null across hosts
  const std::vector<HostData>* hosts = nullptr;
  std::string title_suffix;  // " on HOST" when several hosts are reported
  std::string id_suffix;     // "-HOST" likewise

  // A parameter the cases share, being what their scope groups them by (dataset, size, ...).
  std::string shared(const std::string& key) const { return cases.front()->param(key); }
};

class ChartKind {
 public:
  virtual ~ChartKind() = default;
  // What its charts' ids (and so their file names) start with, e.g. "time-<dataset>-<kernel>";
  // also marks their sections in index.html.
  virtual std::string_view name() const = 0;
  virtual Scope scope() const = 0;
  // Within its scope, one chart per value of this (the encoder, the kernel family); by default one.
  virtual std::string split(const CaseResult&) const { return {}; }
  // Whether the cases hold what the chart shows: a successful case, several worker counts, ...
  virtual bool applies_to(const ChartCases& cases) const = 0;
  // Called only for cases it applies to.
  virtual Chart build(const ChartCases& cases) const = 0;
};

// Every kind, in the order their charts of one scope appear in a report.
const std::vector<const ChartKind*>& chart_kinds();

}  // namespace framebench::reports
