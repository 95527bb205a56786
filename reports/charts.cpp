#include "reports/charts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

namespace framebench::reports {

namespace {

using nlohmann::json;

constexpr const char* schema_url = "https://vega.github.io/schema/vega-lite/v5.json";
constexpr const char* failed_colour = "#b3261e";
constexpr int chart_width = 560;

struct Entry {
  const ResultFile* file = nullptr;
  const CaseResult* c = nullptr;
};

// Cases of one machine: charts never mix hosts except the across-machines chart.
struct HostData {
  std::string host;
  std::vector<const ResultFile*> files;
  std::vector<Entry> entries;  // a case run in several files of one host: the last file's
};

std::string num(double v) { return fmt::format("{:.4g}", v); }

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// Workers the case really used (the counter), else the configured value (0 = all cores).
int workers_of(const CaseResult& c) {
  if (const auto w = c.counter_values("workers"); !w.empty()) return static_cast<int>(harness::median(w));
  try {
    return std::stoi(c.param("workers"));
  } catch (const std::exception&) {
    return 0;
  }
}

// Workers as configured, with what "all" came to: "2", "all (2)".
std::string workers_text(const CaseResult& c) {
  const int w = workers_of(c);
  if (c.param("workers") == "0") return w > 0 ? fmt::format("all ({})", w) : "all";
  return w > 0 ? std::to_string(w) : c.param("workers");
}

std::string workers_phrase(const CaseResult& c) {
  if (c.param("workers") == "0") {
    const int w = workers_of(c);
    return w > 0 ? fmt::format("all {} cores", w) : "all cores";
  }
  return workers_of(c) == 1 ? "1 worker" : fmt::format("{} workers", workers_text(c));
}

std::vector<double> fps_values(const CaseResult& c) {
  if (auto fps = c.counter_values("fps"); !fps.empty()) return fps;
  const auto frames = c.counter_values("frames");
  const auto times = c.times_s();
  std::vector<double> out;
  for (std::size_t i = 0; i < std::min(frames.size(), times.size()); ++i)
    if (times[i] > 0) out.push_back(frames[i] / times[i]);
  return out;
}

std::string failed_text(const CaseResult& c) {
  std::string msg = c.error_message.empty() ? "failed" : c.error_message;
  if (msg.size() > 70) msg = msg.substr(0, 67) + "...";
  return "failed: " + msg;
}

std::string failed_note(const CaseResult& c) { return fmt::format("failed: {}: {}", c.name, c.error_message); }

// Stage busy-time counters ("*_s" but the totals), in pipeline order, then any others by name.
std::vector<std::string> stage_order(const std::set<std::string>& present) {
  static const std::vector<std::string> known = {"decode_s", "upload_s", "filter_s", "kernel_s", "download_s",
                                                 "transfer_s", "encode_s", "merge_s"};
  std::vector<std::string> out;
  for (const auto& s : known)
    if (present.contains(s)) out.push_back(s);
  for (const auto& s : present)
    if (std::find(known.begin(), known.end(), s) == known.end()) out.push_back(s);
  return out;
}
bool is_stage_counter(const std::string& name) { return name.ends_with("_s") && name != "cpu_s" && name != "wall_s"; }
std::string stage_name(const std::string& counter) { return counter.substr(0, counter.size() - 2); }

bool is_fft(const std::string& impl) { return impl.find("fft") != std::string::npos; }

json title_of(const std::string& text, const std::vector<std::string>& subtitle) {
  json t = {{"text", text}, {"anchor", "start"}};
  if (!subtitle.empty()) t["subtitle"] = subtitle;
  return t;
}

json base_spec(const std::string& title, const std::vector<std::string>& subtitle) {
  return {{"$schema", schema_url}, {"title", title_of(title, subtitle)}, {"width", chart_width},
          {"config", {{"axis", {{"labelLimit", 360}}}, {"legend", {{"labelLimit", 280}}}}}};
}

// Horizontal bars, one row per label, one bar per group inside the row (colour = group), with
// optional min-max error bars, per-bar ticks, vertical reference rules and "failed" texts.
struct Bar {
  std::string label;
  std::string group;
  double value = 0;
  std::optional<double> lo, hi, tick;
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
  std::vector<std::string> label_order;  // top to bottom
  std::vector<std::string> group_order;
  std::vector<Rule> rules;
};

json bar_chart_spec(const BarChart& in) {
  json spec = base_spec(in.title, in.subtitle);
  const auto groups = std::max<std::size_t>(1, in.group_order.size());
  // Rows tall enough for one 16-pixel bar per group.
  spec["height"] = {{"step", std::max<std::size_t>(22, groups * 16 + 8)}, {"for", "position"}};
  // No y title: the row labels say what they are, and a title beside them is placed by vega's
  // estimate of their width, which lands it on the labels when drawn with real fonts.
  const json y = {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", in.label_order}};
  const json y_offset = {{"field", "group"}, {"type", "nominal"}, {"sort", in.group_order}};
  const auto x = [&](const char* field) { return json{{"field", field}, {"type", "quantitative"}, {"title", in.x_title}}; };

  json bars = json::array(), ranges = json::array(), ticks = json::array(), failed = json::array();
  for (const auto& b : in.bars) {
    bars.push_back({{"label", b.label}, {"group", b.group}, {"value", b.value}});
    if (b.lo && b.hi) ranges.push_back({{"label", b.label}, {"group", b.group}, {"lo", *b.lo}, {"hi", *b.hi}});
    if (b.tick) ticks.push_back({{"label", b.label}, {"group", b.group}, {"tick", *b.tick}});
  }
  for (const auto& f : in.failed) failed.push_back({{"label", f.label}, {"group", f.group}, {"text", f.text}});

  json bar_x = x("value");
  bar_x["stack"] = nullptr;  // one bar per label and group: overlapping ones must not add up
  json layers = json::array();
  layers.push_back({{"data", {{"values", bars}}},
                    {"mark", {{"type", "bar"}}},
                    {"encoding",
                     {{"y", y},
                      {"yOffset", y_offset},
                      {"x", bar_x},
                      {"color", {{"field", "group"}, {"type", "nominal"}, {"title", in.group_title}, {"sort", in.group_order}}}}}});
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
  if (!failed.empty())
    layers.push_back(
        {{"data", {{"values", failed}}},
         {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "middle"}, {"dx", 3}, {"color", failed_colour}}},
         {"encoding",
          {{"y", y}, {"yOffset", y_offset}, {"x", {{"datum", 0}, {"type", "quantitative"}}}, {"text", {{"field", "text"}}}}}});
  spec["layer"] = layers;
  return spec;
}

// Distinct values of a parameter, in order of first appearance.
template <class Get>
std::vector<std::string> distinct(const std::vector<Entry>& entries, Get get) {
  std::vector<std::string> out;
  for (const auto& e : entries)
    if (auto v = get(e); std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  return out;
}

// Groups entries by a key, keeping first-appearance order of keys.
template <class Key>
std::vector<std::pair<std::string, std::vector<Entry>>> group_by(const std::vector<Entry>& entries, Key key) {
  std::vector<std::pair<std::string, std::vector<Entry>>> groups;
  for (const auto& e : entries) {
    const auto k = key(e);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == k; });
    if (it == groups.end()) {
      groups.emplace_back(k, std::vector<Entry>{});
      it = groups.end() - 1;
    }
    it->second.push_back(e);
  }
  return groups;
}

// Row label of an e2e case: the strategy, plus workers where one strategy ran with several, plus
// the encoder when asked (charts whose groups are not encoders).
struct E2eLabeller {
  std::map<std::string, std::set<std::string>> workers_per_strategy;
  std::set<std::string> encoders;
  explicit E2eLabeller(const std::vector<Entry>& entries) {
    for (const auto& e : entries) {
      workers_per_strategy[e.c->param("strategy")].insert(e.c->param("workers"));
      encoders.insert(e.c->param("encoder"));
    }
  }
  std::string operator()(const CaseResult& c, bool with_encoder = false) const {
    std::string label = c.param("strategy");
    if (with_encoder && encoders.size() > 1) label += " · " + c.param("encoder");
    if (workers_per_strategy.at(c.param("strategy")).size() > 1) label += " · " + workers_phrase(c);
    return label;
  }
};

// Labels ordered by their best value (fastest first when `ascending`), labels without a value last.
std::vector<std::string> order_labels(const std::vector<Bar>& bars, const std::vector<FailedBar>& failed, bool ascending) {
  std::map<std::string, double> best;
  for (const auto& b : bars) {
    auto [it, inserted] = best.emplace(b.label, b.value);
    if (!inserted) it->second = ascending ? std::min(it->second, b.value) : std::max(it->second, b.value);
  }
  std::vector<std::pair<std::string, double>> sorted(best.begin(), best.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const auto& a, const auto& b) { return ascending ? a.second < b.second : a.second > b.second; });
  std::vector<std::string> out;
  for (const auto& [label, value] : sorted) out.push_back(label);
  for (const auto& f : failed)
    if (std::find(out.begin(), out.end(), f.label) == out.end()) out.push_back(f.label);
  return out;
}

struct Context {
  std::string title_suffix;  // " on HOST" when several hosts are reported
  std::string id_suffix;
};

// 1. Time per strategy, grouped by encoder: the talk's bar chart.
std::optional<Chart> time_chart(const std::string& dataset, const std::string& kernel, const std::vector<Entry>& entries,
                                const Context& ctx) {
  BarChart bc;
  Chart chart;
  chart.kind = "time";
  chart.id = slug(fmt::format("time-{}-{}{}", dataset, kernel, ctx.id_suffix));
  chart.title = fmt::format("Time per strategy: {}, {}{}", dataset, kernel, ctx.title_suffix);
  chart.table.columns = {"strategy", "encoder", "workers", "median (s)", "min (s)", "max (s)", "repetitions", "status"};
  const E2eLabeller label(entries);
  std::size_t min_reps = SIZE_MAX, max_reps = 0;
  for (const auto& e : entries) {
    const auto& c = *e.c;
    const auto encoder = c.param("encoder");
    if (c.failed) {
      bc.failed.push_back({label(c), encoder, failed_text(c)});
      chart.notes.push_back(failed_note(c));
      chart.table.rows.push_back({c.param("strategy"), encoder, workers_text(c), "", "", "", "", "failed: " + c.error_message});
      continue;
    }
    const auto t = c.times_s();
    if (t.empty()) continue;
    min_reps = std::min(min_reps, t.size());
    max_reps = std::max(max_reps, t.size());
    bc.bars.push_back({label(c), encoder, harness::median(t), min_of(t), max_of(t), std::nullopt});
    chart.table.rows.push_back({c.param("strategy"), encoder, workers_text(c), num(harness::median(t)), num(min_of(t)), num(max_of(t)),
                                std::to_string(t.size()), "ok"});
  }
  if (bc.bars.empty()) return std::nullopt;
  bc.title = chart.title;
  const auto reps = min_reps == max_reps ? std::to_string(max_reps) : fmt::format("{} to {}", min_reps, max_reps);
  bc.subtitle = {fmt::format("median wall time of {} repetition{}; error bars: min to max; shorter is faster", reps,
                             max_reps == 1 ? "" : "s")};
  bc.x_title = "time (s)";
  bc.group_title = "encoder";
  bc.group_order = distinct(entries, [](const Entry& e) { return e.c->param("encoder"); });
  bc.label_order = order_labels(bc.bars, bc.failed, true);
  chart.spec = bar_chart_spec(bc);
  return chart;
}

// 2. Speedup over single-core with the same dataset, kernel and encoder; ticks at the ideal.
std::optional<Chart> speedup_chart(const std::string& dataset, const std::string& kernel, const std::vector<Entry>& entries,
                                   const Context& ctx) {
  std::map<std::string, double> baseline;  // encoder -> single-core median time
  for (const auto& e : entries)
    if (e.c->param("strategy") == "single-core" && !e.c->failed && !e.c->times_s().empty() &&
        (!baseline.contains(e.c->param("encoder")) || workers_of(*e.c) == 1))
      baseline[e.c->param("encoder")] = harness::median(e.c->times_s());
  BarChart bc;
  Chart chart;
  chart.kind = "speedup";
  chart.id = slug(fmt::format("speedup-{}-{}{}", dataset, kernel, ctx.id_suffix));
  chart.title = fmt::format("Speedup over single-core: {}, {}{}", dataset, kernel, ctx.title_suffix);
  chart.table.columns = {"strategy", "encoder", "workers", "speedup (x)", "ideal (x)", "median time (s)"};
  const E2eLabeller label(entries);
  bool any_parallel = false;
  for (const auto& e : entries) {
    const auto& c = *e.c;
    const auto encoder = c.param("encoder");
    const auto base = baseline.find(encoder);
    if (base == baseline.end()) {
      if (c.param("strategy") != "single-core")
        chart.notes.push_back(fmt::format("no single-core run with encoder {} to compare {} with", encoder, c.name));
      continue;
    }
    if (c.failed) {
      bc.failed.push_back({label(c), encoder, failed_text(c)});
      chart.notes.push_back(failed_note(c));
      continue;
    }
    const auto t = c.times_s();
    if (t.empty() || harness::median(t) <= 0) continue;
    const double speedup = base->second / harness::median(t);
    const int ideal = std::max(1, workers_of(c));
    any_parallel = any_parallel || c.param("strategy") != "single-core";
    bc.bars.push_back({label(c), encoder, speedup, std::nullopt, std::nullopt, static_cast<double>(ideal)});
    chart.table.rows.push_back({c.param("strategy"), encoder, workers_text(c), num(speedup), std::to_string(ideal), num(harness::median(t))});
  }
  if (!any_parallel) return std::nullopt;
  bc.title = chart.title;
  bc.subtitle = {"median single-core time / median time; black ticks: ideal speedup (= workers); dashed line: no speedup"};
  bc.x_title = "speedup over single-core (x)";
  bc.group_title = "encoder";
  bc.group_order = distinct(entries, [](const Entry& e) { return e.c->param("encoder"); });
  bc.label_order = order_labels(bc.bars, bc.failed, false);
  bc.rules.push_back({1.0, ""});  // the subtitle says what it is
  chart.spec = bar_chart_spec(bc);
  return chart;
}

// 3. Frames per second against workers, one line per strategy: only when some strategy ran with
// several worker counts (a scaling run).
std::optional<Chart> scaling_chart(const std::string& dataset, const std::string& kernel, const std::string& encoder,
                                   const std::vector<Entry>& entries, const Context& ctx) {
  std::map<std::string, std::set<int>> workers;  // strategy -> worker counts measured
  json points = json::array();
  Chart chart;
  chart.kind = "scaling";
  chart.id = slug(fmt::format("scaling-{}-{}-{}{}", dataset, kernel, encoder, ctx.id_suffix));
  chart.title = fmt::format("Frames per second against workers: {}, {}, {}{}", dataset, kernel, encoder, ctx.title_suffix);
  chart.table.columns = {"strategy", "workers", "median fps", "min fps", "max fps"};
  for (const auto& e : entries) {
    const auto& c = *e.c;
    if (c.failed) {
      chart.notes.push_back(failed_note(c));
      continue;
    }
    const auto fps = fps_values(c);
    if (fps.empty()) continue;
    const int w = workers_of(c);
    workers[c.param("strategy")].insert(w);
    points.push_back({{"strategy", c.param("strategy")}, {"workers", w}, {"fps", harness::median(fps)}, {"lo", min_of(fps)}, {"hi", max_of(fps)}});
    chart.table.rows.push_back({c.param("strategy"), std::to_string(w), num(harness::median(fps)), num(min_of(fps)), num(max_of(fps))});
  }
  if (std::none_of(workers.begin(), workers.end(), [](const auto& w) { return w.second.size() > 1; })) return std::nullopt;
  std::set<int> ticks;
  for (const auto& [strategy, counts] : workers) ticks.insert(counts.begin(), counts.end());
  json spec = base_spec(chart.title, {"median over repetitions; error bars: min to max; higher is faster"});
  spec["height"] = 320;
  spec["data"] = {{"values", points}};
  const json x = {{"field", "workers"}, {"type", "quantitative"}, {"title", "workers (CPU cores)"},
                  {"axis", {{"values", ticks}, {"format", "d"}}}};
  const json color = {{"field", "strategy"}, {"type", "nominal"}, {"title", "strategy"}};
  spec["layer"] = json::array(
      {{{"mark", {{"type", "line"}, {"point", true}}},
        {"encoding", {{"x", x}, {"y", {{"field", "fps"}, {"type", "quantitative"}, {"title", "frames per second"}}}, {"color", color}}}},
       {{"mark", {{"type", "rule"}}},
        {"encoding",
         {{"x", x}, {"y", {{"field", "lo"}, {"type", "quantitative"}, {"title", "frames per second"}}}, {"y2", {{"field", "hi"}}}, {"color", color}}}}});
  chart.spec = spec;
  return chart;
}

// 4. Busy seconds per stage from each case's median repetition, stacked; ticks at wall time.
std::optional<Chart> stages_chart(const std::string& dataset, const std::string& kernel, const std::vector<Entry>& entries,
                                  const Context& ctx) {
  std::set<std::string> present;
  for (const auto& e : entries)
    if (const auto* r = e.c->median_repetition())
      for (const auto& [name, value] : r->counters)
        if (is_stage_counter(name) && value > 0) present.insert(name);
  if (present.empty()) return std::nullopt;
  const auto stages = stage_order(present);
  std::vector<std::string> stage_names;
  for (const auto& s : stages) stage_names.push_back(stage_name(s));

  Chart chart;
  chart.kind = "stages";
  chart.id = slug(fmt::format("stages-{}-{}{}", dataset, kernel, ctx.id_suffix));
  chart.title = fmt::format("Stage breakdown: {}, {}{}", dataset, kernel, ctx.title_suffix);
  chart.table.columns = {"case"};
  for (const auto& s : stage_names) chart.table.columns.push_back(s + " (s)");
  chart.table.columns.push_back("wall (s)");
  const E2eLabeller label(entries);
  json parts = json::array(), walls = json::array(), failed = json::array();
  std::vector<std::pair<std::string, double>> order;  // label, wall
  for (const auto& e : entries) {
    const auto& c = *e.c;
    const auto l = label(c, true);
    if (c.failed) {
      failed.push_back({{"label", l}, {"text", failed_text(c)}});
      chart.notes.push_back(failed_note(c));
      continue;
    }
    const auto* r = c.median_repetition();
    if (!r) continue;
    std::vector<std::string> row = {l};
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const auto it = r->counters.find(stages[i]);
      const double v = it == r->counters.end() ? 0 : it->second;
      row.push_back(num(v));
      if (v > 0) parts.push_back({{"label", l}, {"stage", stage_names[i]}, {"order", i}, {"seconds", v}});
    }
    row.push_back(num(r->real_time_s));
    chart.table.rows.push_back(row);
    walls.push_back({{"label", l}, {"wall", r->real_time_s}});
    order.emplace_back(l, r->real_time_s);
  }
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  json label_order = json::array();
  for (const auto& [l, w] : order) label_order.push_back(l);
  for (const auto& f : failed) label_order.push_back(f["label"]);

  json spec = base_spec(chart.title, {"busy seconds per stage in the median repetition, summed over workers (so they can exceed",
                                      "the wall time when stages overlap); black ticks: wall time of that repetition"});
  spec["height"] = {{"step", 22}};
  const json y = {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", label_order}};
  json layers = json::array();
  layers.push_back({{"data", {{"values", parts}}},
                    {"mark", {{"type", "bar"}}},
                    {"encoding",
                     {{"y", y},
                      {"x", {{"field", "seconds"}, {"type", "quantitative"}, {"stack", "zero"}, {"title", "busy time (s)"}}},
                      {"color", {{"field", "stage"}, {"type", "nominal"}, {"title", "stage"}, {"sort", stage_names}}},
                      {"order", {{"field", "order"}, {"type", "quantitative"}}}}}});
  layers.push_back({{"data", {{"values", walls}}},
                    {"mark", {{"type", "tick"}, {"color", "black"}, {"thickness", 2}}},
                    {"encoding", {{"y", y}, {"x", {{"field", "wall"}, {"type", "quantitative"}, {"title", "busy time (s)"}}}}}});
  if (!failed.empty())
    layers.push_back({{"data", {{"values", failed}}},
                      {"mark", {{"type", "text"}, {"align", "left"}, {"dx", 3}, {"color", failed_colour}}},
                      {"encoding", {{"y", y}, {"x", {{"datum", 0}, {"type", "quantitative"}}}, {"text", {{"field", "text"}}}}}});
  spec["layer"] = layers;
  chart.spec = spec;
  return chart;
}

// 5. Kernel throughput per implementation, kernel and frame size, against measured bandwidth.
std::optional<Chart> throughput_chart(const std::string& size, const std::vector<Entry>& entries, const HostData& host,
                                      const Context& ctx) {
  bool bytes = false;
  for (const auto& e : entries) bytes = bytes || !e.c->counter_values("bytes_per_second").empty();
  const std::string counter = bytes ? "bytes_per_second" : "pixels_per_second";
  const double scale = bytes ? 1e-9 : 1e-6;
  BarChart bc;
  Chart chart;
  chart.kind = "throughput";
  chart.id = slug(fmt::format("throughput-{}{}", size, ctx.id_suffix));
  chart.title = fmt::format("Kernel throughput: {} frames{}", size, ctx.title_suffix);
  chart.table.columns = {"kernel", "implementation", bytes ? "median GB/s" : "median Mpixel/s", "min", "max", "threads",
                         "fraction of bandwidth"};
  for (const auto& e : entries) {
    const auto& c = *e.c;
    if (c.failed) {
      bc.failed.push_back({c.param("kernel"), c.param("impl"), failed_text(c)});
      chart.notes.push_back(failed_note(c));
      continue;
    }
    auto v = c.counter_values(counter);
    if (v.empty()) continue;
    for (auto& x : v) x *= scale;
    bc.bars.push_back({c.param("kernel"), c.param("impl"), harness::median(v), min_of(v), max_of(v), std::nullopt});
    const auto threads = c.counter_values("threads");
    const auto fraction = c.counter_values("bandwidth_fraction");
    chart.table.rows.push_back({c.param("kernel"), c.param("impl"), num(harness::median(v)), num(min_of(v)), num(max_of(v)),
                                threads.empty() ? "" : num(harness::median(threads)), fraction.empty() ? "" : num(harness::median(fraction))});
  }
  if (bc.bars.empty()) return std::nullopt;
  bc.title = chart.title;
  bc.subtitle = {"median over repetitions; error bars: min to max; longer is faster"};
  if (bytes) {
    for (const auto* f : host.files) {
      const auto all = f->context_number("mem_bandwidth_all_cores_bytes_per_s");
      const auto one = f->context_number("mem_bandwidth_single_core_bytes_per_s");
      if (!all && !one) continue;
      if (all) bc.rules.push_back({*all * scale, "all cores"});
      if (one) bc.rules.push_back({*one * scale, "one core"});
      std::string line = "dashed lines: measured memory bandwidth (the roofline)";
      for (std::size_t i = 0; i < bc.rules.size(); ++i)
        line += fmt::format("{} {} {:.3g} GB/s", i ? "," : ":", bc.rules[i].label, bc.rules[i].x);
      bc.subtitle.push_back(line);
      break;
    }
  }
  bc.x_title = bytes ? "throughput (GB/s)" : "throughput (Mpixel/s)";
  bc.group_title = "implementation";
  bc.group_order = distinct(entries, [](const Entry& e) { return e.c->param("impl"); });
  bc.label_order = distinct(entries, [](const Entry& e) { return e.c->param("kernel"); });
  chart.spec = bar_chart_spec(bc);
  return chart;
}

// 6. Time against kernel size per implementation; where FFT overtakes the best direct one.
std::optional<Chart> sweep_chart(const std::string& size, const std::string& family, const std::vector<Entry>& entries,
                                 const Context& ctx) {
  std::map<std::string, std::map<int, double>> times;  // impl -> kernel size -> median ms per frame
  std::vector<std::string> impls;
  Chart chart;
  chart.kind = "sweep";
  chart.id = slug(fmt::format("sweep-{}-{}{}", size, family, ctx.id_suffix));
  chart.title = fmt::format("Kernel size sweep: {} kernels on {} frames{}", family, size, ctx.title_suffix);
  chart.table.columns = {"implementation", "kernel", "K", "median time per frame (ms)"};
  json points = json::array();
  for (const auto& e : entries) {
    const auto& c = *e.c;
    const auto k = kernel_size(c.param("kernel"));
    if (!k) continue;
    if (c.failed) {
      chart.notes.push_back(failed_note(c));
      continue;
    }
    const auto t = c.times_s();
    if (t.empty()) continue;
    const double ms = harness::median(t) * 1e3;
    const auto impl = c.param("impl");
    if (std::find(impls.begin(), impls.end(), impl) == impls.end()) impls.push_back(impl);
    times[impl][*k] = ms;
    points.push_back({{"impl", impl}, {"k", *k}, {"ms", ms}});
    chart.table.rows.push_back({impl, c.param("kernel"), std::to_string(*k), num(ms)});
  }
  std::set<int> sizes;
  for (const auto& [impl, by_size] : times)
    for (const auto& [k, ms] : by_size) sizes.insert(k);
  const bool has_fft = std::any_of(impls.begin(), impls.end(), is_fft);
  const bool has_direct = std::any_of(impls.begin(), impls.end(), [](const auto& i) { return !is_fft(i); });
  if (sizes.size() < 2 || !has_fft || !has_direct) return std::nullopt;

  // Direct = not FFT; OpenCV's filter2D switches to a DFT itself for large kernels, so it is a
  // direct implementation only when no other direct one was measured.
  std::map<int, double> best_direct;
  const bool other_direct = std::any_of(impls.begin(), impls.end(), [](const auto& i) { return !is_fft(i) && !i.starts_with("opencv"); });
  for (const auto& impl : impls) {
    if (is_fft(impl) || (other_direct && impl.starts_with("opencv"))) continue;
    for (const auto& [k, ms] : times[impl])
      if (!best_direct.contains(k) || ms < best_direct[k]) best_direct[k] = ms;
  }
  std::vector<std::string> subtitle = {"median time per frame over repetitions (log scale); lower is faster"};
  json crossovers = json::array();
  for (const auto& impl : impls) {
    if (!is_fft(impl)) continue;
    const auto k = fft_crossover(times[impl], best_direct);
    if (k) {
      crossovers.push_back({{"k", *k}, {"text", fmt::format("{} faster from {}x{}", impl, *k, *k)}});
      subtitle.push_back(fmt::format("dashed line: {} is faster than the best direct implementation from {}x{} on", impl, *k, *k));
      chart.notes.push_back(fmt::format("{} is faster than the best direct implementation from kernel size {}x{} on", impl, *k, *k));
    } else {
      subtitle.push_back(fmt::format("{} does not stay faster than the best direct implementation in this range", impl));
      chart.notes.push_back(subtitle.back());
    }
  }
  json spec = base_spec(chart.title, subtitle);
  spec["height"] = 320;
  const json x = {{"field", "k"}, {"type", "quantitative"}, {"title", "kernel size K (K x K taps)"},
                  {"axis", {{"values", sizes}, {"format", "d"}}}};
  json layers = json::array();
  layers.push_back({{"data", {{"values", points}}},
                    {"mark", {{"type", "line"}, {"point", true}}},
                    {"encoding",
                     {{"x", x},
                      {"y", {{"field", "ms"}, {"type", "quantitative"}, {"title", "time per frame (ms)"}, {"scale", {{"type", "log"}}}}},
                      {"color", {{"field", "impl"}, {"type", "nominal"}, {"title", "implementation"}, {"sort", impls}}}}}});
  if (!crossovers.empty()) {
    layers.push_back({{"data", {{"values", crossovers}}},
                      {"mark", {{"type", "rule"}, {"color", "#555"}, {"strokeDash", {6, 4}}}},
                      {"encoding", {{"x", x}}}});
    layers.push_back({{"data", {{"values", crossovers}}},
                      {"mark", {{"type", "text"}, {"align", "left"}, {"baseline", "top"}, {"dx", 4}, {"y", 4}}},
                      {"encoding", {{"x", x}, {"text", {{"field", "text"}}}}}});
  }
  spec["layer"] = layers;
  chart.spec = spec;
  return chart;
}

// Labels for the across-machines chart: the values of the parameters that differ between the
// charted cases (all the same would only make the labels long), and the y title naming them.
struct CaseLabels {
  std::vector<std::string> keys;
  std::string title;
  std::string operator()(const CaseResult& c) const {
    std::string out;
    for (const auto& key : keys) {
      if (c.param(key).empty()) continue;
      if (!out.empty()) out += " · ";
      // The configured workers only: what "all" came to differs between machines.
      const auto& w = c.param(key);
      out += key != "workers" ? w : w == "0" ? "all cores" : w == "1" ? "1 worker" : w + " workers";
    }
    return out.empty() ? c.short_name() : out;
  }
};

CaseLabels case_labels(CaseKind kind, const std::vector<const CaseResult*>& cases) {
  const std::vector<std::string> all = kind == CaseKind::e2e ? std::vector<std::string>{"strategy", "dataset", "kernel", "encoder", "workers"}
                                                             : std::vector<std::string>{"impl", "kernel", "size"};
  CaseLabels labels;
  for (const auto& key : all) {
    std::set<std::string> values;
    for (const auto* c : cases) values.insert(c->param(key));
    if (values.size() > 1) labels.keys.push_back(key);
  }
  if (labels.keys.empty()) labels.keys.push_back(all.front());
  for (const auto& key : labels.keys) labels.title += (labels.title.empty() ? "" : " · ") + key;
  return labels;
}

// 7. The same cases on several machines, one colour per host.
std::optional<Chart> hosts_chart(CaseKind kind, const std::vector<HostData>& hosts) {
  std::vector<std::string> names;  // cases measured on at least two hosts, first-appearance order
  std::map<std::string, std::vector<std::pair<std::string, const CaseResult*>>> by_name;
  for (const auto& h : hosts)
    for (const auto& e : h.entries)
      if (e.c->kind == kind) {
        auto& v = by_name[e.c->name];
        if (v.empty()) names.push_back(e.c->name);
        v.emplace_back(h.host, e.c);
      }
  std::vector<const CaseResult*> charted;
  for (const auto& name : names)
    if (by_name[name].size() > 1) charted.push_back(by_name[name].front().second);
  const auto case_label = case_labels(kind, charted);
  const bool e2e = kind == CaseKind::e2e;
  const double scale = e2e ? 1.0 : 1e3;
  BarChart bc;
  Chart chart;
  chart.kind = "hosts";
  chart.id = e2e ? "hosts-e2e" : "hosts-kernels";
  chart.title = e2e ? "Across machines: end-to-end time" : "Across machines: kernel time per frame";
  chart.table.columns = {"case", "host", e2e ? "median (s)" : "median (ms)", "min", "max", "status"};
  for (const auto& name : names) {
    const auto& runs = by_name[name];
    if (runs.size() < 2) continue;
    for (const auto& [host, c] : runs) {
      const auto label = case_label(*c);
      if (c->failed) {
        bc.failed.push_back({label, host, failed_text(*c)});
        chart.notes.push_back(fmt::format("failed on {}: {}: {}", host, c->name, c->error_message));
        chart.table.rows.push_back({c->name, host, "", "", "", "failed: " + c->error_message});
        continue;
      }
      auto t = c->times_s();
      if (t.empty()) continue;
      for (auto& x : t) x *= scale;
      bc.bars.push_back({label, host, harness::median(t), min_of(t), max_of(t), std::nullopt});
      chart.table.rows.push_back({c->name, host, num(harness::median(t)), num(min_of(t)), num(max_of(t)), "ok"});
    }
  }
  if (bc.bars.empty()) return std::nullopt;
  bc.title = chart.title;
  bc.subtitle = {"cases measured on more than one machine; median over repetitions; error bars: min to max; shorter is faster",
                 "rows: " + case_label.title};
  bc.x_title = e2e ? "time (s)" : "time per frame (ms)";
  bc.group_title = "host";
  for (const auto& h : hosts) bc.group_order.push_back(h.host);
  for (const auto& name : names) {
    if (by_name[name].size() < 2) continue;
    const auto label = case_label(*by_name[name].front().second);
    if (std::find(bc.label_order.begin(), bc.label_order.end(), label) == bc.label_order.end()) bc.label_order.push_back(label);
  }
  chart.spec = bar_chart_spec(bc);
  return chart;
}

std::vector<HostData> group_hosts(const std::vector<ResultFile>& files) {
  std::vector<HostData> hosts;
  for (const auto& f : files) {
    const auto name = f.host().empty() ? std::string("unknown host") : f.host();
    auto it = std::find_if(hosts.begin(), hosts.end(), [&](const auto& h) { return h.host == name; });
    if (it == hosts.end()) {
      hosts.push_back({name, {}, {}});
      it = hosts.end() - 1;
    }
    it->files.push_back(&f);
    for (const auto& c : f.cases) {
      auto same = std::find_if(it->entries.begin(), it->entries.end(), [&](const Entry& e) { return e.c->name == c.name; });
      if (same != it->entries.end())
        *same = {&f, &c};
      else
        it->entries.push_back({&f, &c});
    }
  }
  return hosts;
}

}  // namespace

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
  return out.empty() ? "chart" : out;
}

std::optional<int> kernel_size(const std::string& kernel) {
  std::string digits;
  if (const auto colon = kernel.find(':'); colon != std::string::npos) {
    for (std::size_t i = colon + 1; i < kernel.size() && std::isdigit(static_cast<unsigned char>(kernel[i])); ++i) digits += kernel[i];
    if (colon + 1 + digits.size() < kernel.size() && kernel[colon + 1 + digits.size()] != ':') return std::nullopt;
  } else {
    std::size_t i = kernel.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(kernel[i - 1]))) --i;
    digits = kernel.substr(i);
  }
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  return std::stoi(digits);
}

std::string kernel_family(const std::string& kernel) {
  if (const auto colon = kernel.find(':'); colon != std::string::npos) return kernel.substr(0, colon);
  std::size_t i = kernel.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(kernel[i - 1]))) --i;
  return kernel.substr(0, i);
}

std::optional<int> fft_crossover(const std::map<int, double>& fft_time, const std::map<int, double>& direct_time) {
  std::optional<int> from;
  for (auto it = fft_time.rbegin(); it != fft_time.rend(); ++it) {
    const auto d = direct_time.find(it->first);
    if (d == direct_time.end()) continue;
    if (it->second >= d->second) break;
    from = it->first;
  }
  return from;
}

std::vector<Chart> build_charts(const std::vector<ResultFile>& files) {
  const auto hosts = group_hosts(files);
  std::vector<Chart> charts;
  const auto add = [&](std::optional<Chart> chart) {
    if (!chart) return;
    std::string id = chart->id;
    for (int n = 2; std::any_of(charts.begin(), charts.end(), [&](const Chart& c) { return c.id == id; }); ++n)
      id = fmt::format("{}-{}", chart->id, n);
    chart->id = id;
    charts.push_back(std::move(*chart));
  };
  for (const auto& host : hosts) {
    const Context ctx = hosts.size() > 1 ? Context{" on " + host.host, "-" + host.host} : Context{};
    std::vector<Entry> e2e, kernels;
    for (const auto& e : host.entries) {
      if (e.c->kind == CaseKind::e2e) e2e.push_back(e);
      if (e.c->kind == CaseKind::kernel) kernels.push_back(e);
    }
    const auto by_job = group_by(e2e, [](const Entry& e) { return e.c->param("dataset") + "\n" + e.c->param("kernel"); });
    for (const auto& [key, entries] : by_job) {
      const auto dataset = entries.front().c->param("dataset");
      const auto kernel = entries.front().c->param("kernel");
      add(time_chart(dataset, kernel, entries, ctx));
      add(speedup_chart(dataset, kernel, entries, ctx));
      for (const auto& [encoder, same_encoder] : group_by(entries, [](const Entry& e) { return e.c->param("encoder"); }))
        add(scaling_chart(dataset, kernel, encoder, same_encoder, ctx));
      add(stages_chart(dataset, kernel, entries, ctx));
    }
    for (const auto& [size, entries] : group_by(kernels, [](const Entry& e) { return e.c->param("size"); })) {
      add(throughput_chart(size, entries, host, ctx));
      for (const auto& [family, same_family] : group_by(entries, [](const Entry& e) { return kernel_family(e.c->param("kernel")); }))
        add(sweep_chart(size, family, same_family, ctx));
    }
  }
  if (hosts.size() > 1) {
    add(hosts_chart(CaseKind::e2e, hosts));
    add(hosts_chart(CaseKind::kernel, hosts));
  }
  return charts;
}

}  // namespace framebench::reports
