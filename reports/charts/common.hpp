#pragma once
// What the chart kinds share: the spec's frame, the horizontal bar chart (error bars, ticks,
// reference rules, "failed" texts, noisy or disturbed marks), and how cases are labelled (their
// wording in reports/case_text.hpp).
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "reports/case_text.hpp"
#include "reports/charts/chart_kind.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports::charts {

inline constexpr const char* failed_colour = "#b3261e";
inline constexpr const char* flagged_colour = "#8a4b00";
inline constexpr const char* skipped_colour = "#555";

std::string num(double v);
double min_of(const std::vector<double>& v);
double max_of(const std::vector<double>& v);

// Lower-case letters, digits, '.' and '-' only; at most 96 characters (a longer one keeps its
// start and a hash of the whole).
std::string slug(const std::string& text);

// Whether any case has a successful time to chart.
bool any_timed(const std::vector<const CaseResult*>& cases);
// Values of a parameter, in order of first appearance.
std::vector<std::string> distinct(const std::vector<const CaseResult*>& cases, const std::string& key);
// Every case of one kind of every host, in order: what colours are fixed across a report by.
std::vector<const CaseResult*> report_cases(const std::vector<HostData>& hosts, CaseKind kind);

// The cases its host's files list as skipped (never run) that `kind` would draw in this chart (of
// its job and split), unless one of them ran it: a case for each, its error_message the reason.
// At most kMostSkippedRows are drawn (a scaling matrix skips 15 on two cores): a matrix of
// workers past the machine's cores skipped 186 rows a chart beside one bar (found 6 December 2026
// by a sweep of large configs).
inline constexpr std::size_t kMostSkippedRows = 16;
struct SkippedCases {
  std::vector<CaseResult> shown;
  std::size_t more = 0;  // skipped beyond those shown
  // The chart's note where some are not shown; empty when all are.
  std::string note() const;
};
SkippedCases skipped_cases(const ChartCases& in, const ChartKind& kind);
// What every chart writes where a skipped case's bar would be, and in its table.
std::string skipped_text(const CaseResult& skipped);
// The chart's cases and its skipped ones: what its row labels and groups are made from.
std::vector<const CaseResult*> with_skipped(const ChartCases& in, const std::vector<CaseResult>& skipped);

// The short text drawn where a failed case's bar would be, and its note under the chart.
std::string failed_text(const CaseResult& c);
std::string failed_note(const CaseResult& c);

// Rows for the cases a chart draws no bar for (failed, skipped, without a baseline), added to its
// table once its measured rows are in: their key cells, empty cells, and why in a last "status"
// column, which is added (empty for the measured rows) where the table has none. The table then
// lists every case the chart shows, as the time chart's always did.
struct UnmeasuredRows {
  std::vector<std::vector<std::string>> keys;
  std::vector<std::string> why;
  void add(std::vector<std::string> key_cells, std::string reason) {
    keys.push_back(std::move(key_cells));
    why.push_back(std::move(reason));
  }
  void append_to(ChartTable& table) const;
};

// Gives a colour encoding the scale of every value the report colours (`domain`, from
// report_cases), in one fixed order, so that a value has one colour in every chart; its legend
// names only the values `drawn` in this chart.
void fix_colours(nlohmann::json& colour, const std::vector<std::string>& domain, const std::vector<std::string>& drawn);

// $schema, title (left-aligned, with subtitle lines), width, label limits.
nlohmann::json base_spec(const std::string& title, const std::vector<std::string>& subtitle);

// Horizontal bars, one row per label, one bar per group inside the row (colour = group), with
// optional error bars, per-bar ticks, vertical reference rules, "failed" texts, and flagged bars
// drawn lighter with their flag beside them.
struct Bar {
  std::string label;
  std::string group;
  double value = 0;
  std::optional<double> lo, hi, tick;
  std::string flag;  // "noisy", "disturbed", ...: drawn lighter, with the text beside it
};
struct FailedBar {
  std::string label;
  std::string group;
  std::string text;
};
struct Rule {
  double x = 0;
  std::string label;  // drawn beside the rule when non-empty
};
struct BarChart {
  std::string title;
  std::vector<std::string> subtitle;
  std::string x_title, group_title;
  std::vector<Bar> bars;
  std::vector<FailedBar> failed;
  std::vector<FailedBar> skipped;  // drawn as failed ones are, in grey
  std::vector<std::string> label_order;  // top to bottom
  std::vector<std::string> group_order;
  // Every group the report colours, in one fixed order, so that a group has one colour in every
  // chart; empty: the groups drawn.
  std::vector<std::string> colour_domain;
  std::vector<Rule> rules;
};
nlohmann::json bar_chart_spec(const BarChart& in);

// A row's label as a chart draws it: whole up to 90 bytes, else its start, an ellipsis and a hash
// of the whole, so that two long labels stay two rows. A 63x63 custom kernel is named by
// thousands of characters, which made a chart wider than rsvg-convert draws (found 5 December
// 2026 by a review: `report` exited 1).
std::string row_label(const std::string& label);

// A bar of the median of `values` with min-max error bars.
Bar median_bar(std::string label, std::string group, const std::vector<double>& values);

// How the error bars were drawn, for a subtitle: "90% confidence interval of the median" where
// every case has one, `fallback` where none has, both where they are mixed.
std::string error_bar_text(const std::vector<const CaseResult*>& cases, const std::string& fallback);
// Whether any case has recorded statistics (intervals): otherwise a chart stays as it always was.
bool any_statistics(const std::vector<const CaseResult*>& cases);

// Labels ordered by their best value (fastest first when `ascending`), then those of failed and of
// skipped cases without a value.
std::vector<std::string> order_labels(const BarChart& chart, bool ascending);

// Row label of an e2e case: the strategy, plus its pixel format on the native path, plus workers
// where one strategy ran with several, plus the encoder when asked (charts whose groups are not
// encoders).
class E2eLabeller {
 public:
  explicit E2eLabeller(const std::vector<const CaseResult*>& cases);
  std::string operator()(const CaseResult& c, bool with_encoder = false) const;

 private:
  std::map<std::string, std::set<std::string>> workers_per_strategy_;
  std::set<std::string> encoders_;
};

}  // namespace framebench::reports::charts
