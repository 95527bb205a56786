#include "reports/charts/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include <xxhash.h>

#include "core/number_text.hpp"
#include "core/result_text.hpp"
#include "harness/statistics.hpp"

namespace framebench::reports::charts {

namespace {

using nlohmann::json;

constexpr const char* schema_url = "https://vega.github.io/schema/vega-lite/v5.json";
constexpr int chart_width = 560;
// Chart ids name files (with "-2" and ".vl.json" after them): well inside a name's 255 bytes.
constexpr std::size_t kLongestSlug = 96;

std::string workers_phrase(const CaseResult& c) {
  if (c.param("workers") == "0") {
    const int w = workers_of(c);
    return w > 0 ? fmt::format("all {} cores", w) : "all cores";
  }
  return workers_of(c) == 1 ? "1 worker" : fmt::format("{} workers", workers_text(c));
}

// A text drawn in a chart, cut to about the chart's width with an ellipsis: a kernel written out
// coefficient by coefficient names a chart thousands of characters wide, past what rsvg-convert
// draws (found 5 December 2026 by a hostile-input sweep: exit 1, "larger than 32767 pixels").
// vega's own `limit` cuts the text drawn but sizes the picture by the whole text.
constexpr std::size_t kLongestText = 90;  // bytes: ASCII characters of about 6 px, over the chart's 560

std::string shortened(const std::string& text) {
  if (text.size() <= kLongestText) return text;
  return utf8_prefix(text, kLongestText) + "\u2026";
}

// A title longer than a line goes on in lines below: cut to one line, a machine's label at its end
// lost the GPU's name. Only a title longer than these lines hold (a kernel written out) is cut.
constexpr std::size_t kTitleLines = 4;

// Where a line of at most kLongestText bytes ends: at its last space outside parentheses, which
// keeps a machine's "(16 CPUs, ..., NVIDIA H200)" on one line; else at its last space; else
// between characters.
std::size_t line_end(std::string_view text) {
  std::size_t last = 0, last_outside = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= kLongestText && i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && depth > 0) --depth;
    if (text[i] != ' ') continue;
    last = i;
    if (depth == 0) last_outside = i;
  }
  if (last_outside > 0) return last_outside;
  return last > 0 ? last : utf8_prefix(text, kLongestText).size();
}

// The title whole where it fits one line, else its lines.
json title_text(const std::string& text) {
  if (text.size() <= kLongestText) return text;
  std::vector<std::string> lines;
  std::string_view rest = text;
  while (rest.size() > kLongestText && lines.size() + 1 < kTitleLines) {
    const auto line = std::string(rest.substr(0, line_end(rest)));
    lines.push_back(line);
    rest.remove_prefix(line.size());
    if (rest.starts_with(' ')) rest.remove_prefix(1);
  }
  lines.push_back(shortened(std::string(rest)));
  return lines;
}

// Room for all that row_label keeps: 90 bytes, each at most about 1 em of the axis' 10-px font.
// At 360 px (about 60 characters) vega cut rows that shared their start before the end or the
// hash that tells them apart, and drew them alike.
constexpr int kRowLabelLimit = kLongestText * 10;

}  // namespace

std::string row_label(const std::string& label) {
  if (label.size() <= kLongestText) return label;
  const std::string whole_hash = fmt::format("{:08x}", static_cast<std::uint32_t>(XXH3_64bits(label.data(), label.size())));
  return utf8_prefix(label, 72) + "\u2026 " + whole_hash;
}

namespace {

json title_of(const std::string& text, const std::vector<std::string>& subtitle) {
  json t = {{"text", title_text(text)}, {"anchor", "start"}};
  if (!subtitle.empty()) t["subtitle"] = subtitle;
  return t;
}

// The layers drawn over the bars: error bars, ticks, reference rules with their labels.
void add_marks(const BarChart& in, const json& y, const json& y_offset, json& layers) {
  const auto x = [&](const char* field) { return json{{"field", field}, {"type", "quantitative"}, {"title", in.x_title}}; };
  json ranges = json::array(), ticks = json::array();
  for (const auto& b : in.bars) {
    if (b.lo && b.hi) ranges.push_back({{"label", b.label}, {"group", b.group}, {"lo", *b.lo}, {"hi", *b.hi}});
    if (b.tick) ticks.push_back({{"label", b.label}, {"group", b.group}, {"tick", *b.tick}});
  }
  if (!ranges.empty())
    layers.push_back({{"data", {{"values", ranges}}},
                      {"mark", {{"type", "rule"}, {"color", "black"}}},
                      {"encoding", {{"y", y}, {"yOffset", y_offset}, {"x", x("lo")}, {"x2", {{"field", "hi"}}}}}});
  if (!ticks.empty())
    layers.push_back({{"data", {{"values", ticks}}},
                      {"mark", {{"type", "tick"}, {"color", "black"}, {"thickness", 2}}},
                      {"encoding", {{"y", y}, {"yOffset", y_offset}, {"x", x("tick")}}}});
  for (const auto& r : in.rules) {
    const json data = {{"values", json::array({{{"x", r.x}, {"rule", r.label}}})}};
    layers.push_back({{"data", data}, {"mark", {{"type", "rule"}, {"color", "#555"}, {"strokeDash", {6, 4}}}}, {"encoding", {{"x", x("x")}}}});
    if (!r.label.empty())
      layers.push_back({{"data", data},
                        {"mark", {{"type", "text"}, {"align", "right"}, {"baseline", "top"}, {"dx", -3}, {"y", 2}, {"color", "#555"}}},
                        {"encoding", {{"x", x("x")}, {"text", {{"field", "rule"}}}}}});
  }
}

bool any_flagged(const BarChart& in) {
  return std::any_of(in.bars.begin(), in.bars.end(), [](const Bar& b) { return !b.flag.empty(); });
}

// Where the furthest bar, error bar, tick or rule ends.
double furthest_mark(const BarChart& in) {
  double end = 0;
  for (const auto& b : in.bars) end = std::max({end, b.value, b.hi.value_or(0), b.tick.value_or(0)});
  for (const auto& r : in.rules) end = std::max(end, r.x);
  return end;
}

json bar_layer(const BarChart& in, const json& y, const json& y_offset) {
  const bool flags = any_flagged(in);
  json bars = json::array();
  for (const auto& b : in.bars) {
    json v = {{"label", b.label}, {"group", b.group}, {"value", b.value}};
    if (flags) v["flag"] = b.flag;
    bars.push_back(std::move(v));
  }
  // One bar per label and group: overlapping ones must not add up.
  json bar_x = {{"field", "value"}, {"type", "quantitative"}, {"title", in.x_title}, {"stack", nullptr}};
  // A flag is written after its bar's end: room for it inside the plot, not over the legend.
  if (flags) bar_x["scale"] = {{"domainMax", 1.25 * furthest_mark(in)}};
  json colour = {{"field", "group"}, {"type", "nominal"}, {"title", in.group_title}, {"sort", in.group_order}};
  if (!in.colour_domain.empty()) {
    std::vector<std::string> drawn;
    for (const auto& b : in.bars) drawn.push_back(b.group);
    fix_colours(colour, in.colour_domain, drawn);
  }
  json layer = {{"data", {{"values", bars}}},
                {"mark", {{"type", "bar"}}},
                {"encoding", {{"y", y}, {"yOffset", y_offset}, {"x", bar_x}, {"color", colour}}}};
  if (flags) layer["encoding"]["opacity"] = {{"condition", {{"test", "datum.flag"}, {"value", 0.45}}}, {"value", 1}};
  return layer;
}

// Marked bars: lighter, with their flag beside the bar or its error bar, whichever ends further.
void add_flags(const BarChart& in, const json& y, const json& y_offset, json& layers) {
  if (!any_flagged(in)) return;
  json flagged = json::array();
  for (const auto& b : in.bars)
    if (!b.flag.empty())
      flagged.push_back({{"label", b.label}, {"group", b.group}, {"at", std::max(b.value, b.hi.value_or(b.value))}, {"flag", b.flag}});
  layers.push_back({{"data", {{"values", flagged}}},
                    {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "middle"}, {"dx", 4}, {"fontStyle", "italic"},
                              {"color", flagged_colour}}},
                    {"encoding",
                     {{"y", y},
                      {"yOffset", y_offset},
                      {"x", {{"field", "at"}, {"type", "quantitative"}, {"title", in.x_title}}},
                      {"text", {{"field", "flag"}}}}}});
}

}  // namespace

std::string num(double v) { return fmt::format("{:.4g}", v); }
double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

std::string slug(const std::string& text) {
  std::string out;
  for (const unsigned char ch : text) {
    const bool keep = std::isalnum(ch) || ch == '.';
    if (keep)
      out += static_cast<char>(std::tolower(ch));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.empty()) return "chart";
  // A chart's files are named by its id: a long dataset name made a name longer than a file's
  // 255 bytes (found 5 December 2026 by a hostile-input sweep: `report` failed). Long ids keep
  // their start and a hash of the whole, so that different ones stay different.
  if (out.size() > kLongestSlug) {
    const std::string whole_hash = fmt::format("{:016x}", XXH3_64bits(out.data(), out.size()));
    out.resize(kLongestSlug - whole_hash.size() - 1);
    out += '-' + whole_hash;
  }
  return out;
}

bool any_timed(const std::vector<const CaseResult*>& cases) {
  return std::any_of(cases.begin(), cases.end(), [](const CaseResult* c) { return !c->times_s().empty(); });
}

std::vector<std::string> distinct(const std::vector<const CaseResult*>& cases, const std::string& key) {
  std::vector<std::string> out;
  for (const auto* c : cases)
    if (auto v = c->param(key); std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  return out;
}

std::string SkippedCases::note() const {
  if (more == 0) return {};
  return fmt::format("{} more skipped cases are not drawn (the results file lists each under \"unavailable\", with why)", more);
}

SkippedCases skipped_cases(const ChartCases& in, const ChartKind& kind) {
  SkippedCases skipped;
  std::vector<CaseResult>& out = skipped.shown;
  const auto& drawn = *in.cases.front();
  std::set<std::string> named;  // drawn or already skipped: a set, as a chart may skip hundreds
  for (const CaseResult* c : in.cases) named.insert(c->name);
  const auto ran = [&](const std::string& name) { return named.contains(name); };
  for (const auto* f : in.host->files)
    for (const auto& u : f->unavailable) {
      auto parsed = parse_case_name(u.name);
      CaseResult c;
      c.name = parsed.name;
      c.kind = parsed.kind;
      c.params = std::move(parsed.params);
      c.error_message = u.reason;
      if (c.kind == in.kind && job_of(c) == job_of(drawn) && kind.split(c) == kind.split(drawn) && !ran(c.name)) {
        named.insert(c.name);
        if (out.size() < kMostSkippedRows) out.push_back(std::move(c));
        else ++skipped.more;
      }
    }
  return skipped;
}

std::string skipped_text(const CaseResult& skipped) { return "skipped: " + skipped.error_message; }

std::vector<const CaseResult*> with_skipped(const ChartCases& in, const std::vector<CaseResult>& skipped) {
  auto out = in.cases;
  for (const auto& s : skipped) out.push_back(&s);
  return out;
}

void fix_colours(json& colour, const std::vector<std::string>& domain, const std::vector<std::string>& drawn) {
  colour["scale"] = {{"domain", domain}};
  // vega's default ten colours repeat from the eleventh value on: a report of more strategies or
  // implementations than that gave two of them one colour, in a chart that drew both.
  if (domain.size() > 10) colour["scale"]["scheme"] = "tableau20";
  json shown = json::array();
  for (const auto& value : domain)
    if (std::find(drawn.begin(), drawn.end(), value) != drawn.end()) shown.push_back(value);
  if (shown.size() < domain.size()) colour["legend"] = {{"values", shown}};
}

std::vector<const CaseResult*> report_cases(const std::vector<HostData>& hosts, CaseKind kind) {
  std::vector<const CaseResult*> out;
  for (const auto& h : hosts)
    std::copy_if(h.cases.begin(), h.cases.end(), std::back_inserter(out), [&](const CaseResult* c) { return c->kind == kind; });
  return out;
}

// A chart's text, which its SVG holds and XML 1.0 reads strictly (found 6 December 2026 by a sweep
// of the reports: an error message cut inside a UTF-8 character, or holding a control character or
// U+FFFE/U+FFFF, failed `report` with exit 1 in words of the JSON library or of rsvg-convert).
std::string failed_text(const CaseResult& c) {
  std::string text = c.failure_text();
  text = single_line_text(text);
  for (const char* nonchar : {"\xEF\xBF\xBE", "\xEF\xBF\xBF"})
    for (auto at = text.find(nonchar); at != std::string::npos; at = text.find(nonchar, at)) text.replace(at, 3, "\xEF\xBF\xBD");
  if (text.size() > 78) text = utf8_prefix(text, 75) + "...";  // at a character's start
  return text;
}

void UnmeasuredRows::append_to(ChartTable& table) const {
  if (keys.empty()) return;
  if (table.columns.empty() || table.columns.back() != "status") {
    table.columns.push_back("status");
    for (auto& row : table.rows) row.resize(table.columns.size());
  }
  for (std::size_t k = 0; k < keys.size(); ++k) {
    auto& row = table.rows.emplace_back(keys[k]);
    row.resize(table.columns.size() - 1);
    row.push_back(why[k]);
  }
}

std::string failed_note(const CaseResult& c) {
  if (c.never_ran()) return fmt::format("not run: {} ({})", c.name, c.failure_reason());
  return fmt::format("failed: {}: {}", c.name, c.error_message);
}

json base_spec(const std::string& title, const std::vector<std::string>& subtitle) {
  return {{"$schema", schema_url}, {"title", title_of(title, subtitle)}, {"width", chart_width},
          {"config", {{"axis", {{"labelLimit", kRowLabelLimit}}}, {"legend", {{"labelLimit", 280}}}}}};
}

namespace {

// The chart with its rows' labels and its groups as drawn (row_label): vega sizes a picture by
// its whole texts, so a host named by thousands of characters made the chart wider than
// rsvg-convert draws, as a long kernel's name had (found 8 December 2026: `report` exited 1).
BarChart as_drawn(BarChart c) {
  const auto cut = [](std::string& text) { text = row_label(text); };
  for (auto& b : c.bars) cut(b.label), cut(b.group);
  for (auto* texts : {&c.failed, &c.skipped})
    for (auto& f : *texts) cut(f.label), cut(f.group);
  for (auto* names : {&c.label_order, &c.group_order, &c.colour_domain}) std::for_each(names->begin(), names->end(), cut);
  return c;
}

}  // namespace

json bar_chart_spec(const BarChart& whole) {
  const BarChart in = as_drawn(whole);
  json spec = base_spec(in.title, in.subtitle);
  const auto groups = std::max<std::size_t>(1, in.group_order.size());
  // Rows tall enough for one 16-pixel bar per group.
  spec["height"] = {{"step", std::max<std::size_t>(22, groups * 16 + 8)}, {"for", "position"}};
  // No y title: the row labels say what they are, and a title beside them is placed by vega's
  // estimate of their width, which lands it on the labels when drawn with real fonts.
  const json y = {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", in.label_order}};
  const json y_offset = {{"field", "group"}, {"type", "nominal"}, {"sort", in.group_order}};

  json layers = json::array({bar_layer(in, y, y_offset)});
  add_marks(in, y, y_offset, layers);
  // Texts where a bar would be, from 0.
  const auto add_texts = [&](const std::vector<FailedBar>& texts, const char* colour) {
    json values = json::array();
    for (const auto& f : texts) values.push_back({{"label", f.label}, {"group", f.group}, {"text", shortened(f.text)}});
    if (values.empty()) return;
    layers.push_back(
        {{"data", {{"values", values}}},
         {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "middle"}, {"dx", 3}, {"color", colour}}},
         {"encoding",
          {{"y", y}, {"yOffset", y_offset}, {"x", {{"datum", 0}, {"type", "quantitative"}}}, {"text", {{"field", "text"}}}}}});
  };
  add_texts(in.failed, failed_colour);
  add_texts(in.skipped, skipped_colour);
  add_flags(in, y, y_offset, layers);
  spec["layer"] = layers;
  return spec;
}

Bar median_bar(std::string label, std::string group, const std::vector<double>& values) {
  return {std::move(label), std::move(group), harness::median(values), min_of(values), max_of(values), std::nullopt, {}};
}

bool any_statistics(const std::vector<const CaseResult*>& cases) {
  return std::any_of(cases.begin(), cases.end(), [](const CaseResult* c) { return !c->failed && c->statistics; });
}

std::string error_bar_text(const std::vector<const CaseResult*>& cases, const std::string& fallback) {
  std::set<double> levels;
  bool without = false;
  for (const auto* c : cases) {
    if (c->failed) continue;
    if (!c->statistics) without = true;
    else if (c->statistics->confidence) levels.insert(*c->statistics->confidence);
  }
  const auto level = levels.size() == 1 ? harness::confidence_text(*levels.begin()) + " " : std::string();
  // Too few repetitions cannot reach the level: 3 give [min, max], which covers the median with 75%
  // (found 6 December 2026 by a review of first use: the subtitle said 90% of such bars).
  double least = 1;
  for (const auto* c : cases)
    if (!c->failed && c->statistics && c->statistics->confidence && c->statistics->coverage > 0 &&
        !harness::reaches(c->statistics->coverage, *c->statistics->confidence))
      least = std::min(least, c->statistics->coverage);
  const auto interval = level + "confidence interval of the median" +
                        (least < 1 ? fmt::format(" ({:.0f}% or more where too few repetitions reach it)", 100 * least) : std::string());
  return !any_statistics(cases) ? fallback : without ? fmt::format("{}, else {}", interval, fallback) : interval;
}

std::vector<std::string> order_labels(const BarChart& chart, bool ascending) {
  std::map<std::string, double> best;
  for (const auto& b : chart.bars) {
    auto [it, inserted] = best.emplace(b.label, b.value);
    if (!inserted) it->second = ascending ? std::min(it->second, b.value) : std::max(it->second, b.value);
  }
  std::vector<std::pair<std::string, double>> sorted(best.begin(), best.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const auto& a, const auto& b) { return ascending ? a.second < b.second : a.second > b.second; });
  std::vector<std::string> out;
  for (const auto& [label, value] : sorted) out.push_back(label);
  for (const auto* texts : {&chart.failed, &chart.skipped})
    for (const auto& f : *texts)
      if (std::find(out.begin(), out.end(), f.label) == out.end()) out.push_back(f.label);
  return out;
}

E2eLabeller::E2eLabeller(const std::vector<const CaseResult*>& cases) {
  for (const auto* c : cases) {
    workers_per_strategy_[c->param("strategy")].insert(c->param("workers"));
    encoders_.insert(c->param("encoder"));
  }
}

std::string E2eLabeller::operator()(const CaseResult& c, bool with_encoder) const {
  std::string label = c.param("strategy");
  // Native-path cases are named so (BGR24 ones carry no pixel_format), never drawn as BGR24's.
  if (const auto pixels = c.param("pixel_format"); !pixels.empty()) label += " · " + pixels;
  if (with_encoder && encoders_.size() > 1) label += " · " + c.param("encoder");
  if (workers_per_strategy_.at(c.param("strategy")).size() > 1) label += " · " + workers_phrase(c);
  return label;
}

}  // namespace framebench::reports::charts
