#include "reports/result_file.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/result_text.hpp"
#include "core/toml_reader.hpp"
#include "harness/benchmark_json.hpp"
#include "harness/result_replay.hpp"
#include "harness/statistics.hpp"

namespace framebench::reports {

namespace {

using nlohmann::json;

// Numeric fields Google Benchmark writes for every run; every other number is a user counter.
// ("threads" is both: Google Benchmark's own, and in older kernels files ours too, the same key
// twice, the last kept; read as a counter, which a kernels file's "thread_budget" replaces.)
const std::set<std::string>& standard_fields() {
  static const std::set<std::string> fields = {"family_index", "per_family_instance_index", "repetitions",
                                               "repetition_index", "iterations", "real_time", "cpu_time"};
  return fields;
}

std::string file_label(const std::filesystem::path& p) { return p.string(); }

constexpr double kLargestCounter = 1e18;
constexpr double kLongestRepetitionS = 1e9;  // about 32 years
// A picosecond: a kernel's iteration on a 1x1 frame takes tens of nanoseconds. 1e-300 s made
// scale-model print 2.4e302 fps per host (found 5 December 2026 by a hostile-input sweep).
constexpr double kShortestRepetitionS = 1e-12;
// Far past any file framebench writes (a result nests 4 levels deep, a fleet's 6; thousands of
// cases make megabytes). nlohmann copies and prints values recursively, so a file nested 200,000
// deep overflowed the stack, and `summary <(yes)` grew until memory ran out (both found
// 5 December 2026 by a hostile-input sweep).
constexpr int kDeepestNesting = 64;
constexpr std::size_t kLargestResultBytes = std::size_t{256} << 20;

json parse_bounded(const std::string& text, const std::string& file) {
  return json::parse(text, [&](int depth, json::parse_event_t, json&) {
    if (depth > kDeepestNesting)
      throw InputError(fmt::format("{}: values nested more than {} deep, which no framebench result is", file, kDeepestNesting));
    return true;
  });
}

// Fields Google Benchmark writes as text or true/false; every other field is a number.
const std::set<std::string>& text_fields() {
  static const std::set<std::string> fields = {"name",           "run_name",      "run_type", "time_unit", "aggregate_name",
                                               "aggregate_unit", "error_occurred", "error_message", "label"};
  return fields;
}

// What the schema (docs/result-schema.json) says every entry holds, where a reader would
// otherwise guess: found 5 December 2026 by a hostile-input sweep, an entry without time_unit was
// read as nanoseconds, one without run_type as a repetition (its stddev then "did not verify"), a
// counter "abc" as none, a run case without "verified" as a good one, and 1e308 s as a time.
void check_entry_shape(const json& entry, const std::string& where) {
  const auto run_type = entry.value("run_type", json());
  if (run_type != "iteration" && run_type != "aggregate")
    throw InputError(fmt::format("{}: run_type is {}, not \"iteration\" or \"aggregate\"", where, run_type.dump()));
  if (run_type == "aggregate" && !entry.value("aggregate_name", json()).is_string())
    throw InputError(fmt::format("{}: an aggregate without an aggregate_name", where));
  for (const auto& [key, value] : entry.items()) {  // null: a NaN Google Benchmark wrote (an aggregate's cv), read as none
    if (!text_fields().contains(key) && !value.is_number() && !value.is_null())
      throw InputError(fmt::format("{}: {} is {}, not a number", where, key, value.dump()));
    // Named here, not left to the JSON library's words (found 6 December 2026 by a sweep of the
    // reports: "type must be string, but is number", no entry or key named).
    const bool flag = key == "error_occurred";
    if (text_fields().contains(key) && !(flag ? value.is_boolean() : value.is_string()))
      throw InputError(fmt::format("{}: {} is {}, not {}", where, key, value.dump(), flag ? "true or false" : "text"));
  }
  if (entry.value("error_occurred", false)) return;
  for (const char* count : {"iterations", "repetitions"})
    // null too (kept above as a NaN's spelling): no count is NaN (found 6 December 2026 by a sweep
    // of the reports: "entries of the wrong shape: type must be number, but is null").
    if (entry.contains(count) && !(entry[count].is_number() && entry[count].get<double>() >= 1))
      throw InputError(fmt::format("{}: {} is {}, where Google Benchmark writes 1 or more", where, count, entry[count].dump()));
  // A percentage aggregate (the cv) is a ratio: Google Benchmark gives it no time_unit.
  if (entry.value("aggregate_unit", "time") == "percentage") return;
  if (entry.contains("real_time") && !entry.value("time_unit", json()).is_string())
    throw InputError(fmt::format("{}: real_time without a time_unit", where));
  // Without it a case that did not verify would read as a good one. A kernels case on the host
  // records it; its GPU twin (impl:NAME@device) does not, the host case beside it checking the
  // output (docs/result-schema.json).
  const std::string name = entry.value("name", std::string());
  constexpr std::string_view kKernel = "kernel/impl:";
  const auto impl_end = name.find_first_of("/@", kKernel.size());  // NAME ends at '/', a twin's at '@'
  const bool host_kernel = name.starts_with(kKernel) && impl_end != std::string::npos && name[impl_end] == '/';
  if ((name.starts_with("e2e/") || host_kernel) && !(entry.contains("verified") && entry["verified"].is_number()))
    throw InputError(fmt::format("{}: no verified counter, which every {} case records", where, host_kernel ? "kernels" : "run"));
}

// An entry of the shape check_entry_shape holds it to.
Repetition read_repetition(const json& entry, const std::string& where) {
  Repetition r;
  const bool failed = entry.value("error_occurred", false);
  const bool percentage = entry.value("aggregate_unit", "time") == "percentage";
  // A repetition, or a mean or median standing for the case's time as one does; not a stddev or cv.
  const std::string aggregate = entry.value("aggregate_name", "");
  const bool a_time = entry.value("run_type", "iteration") == "iteration" || aggregate == "mean" || aggregate == "median";
  if (entry.contains("real_time") && !percentage) {
    const std::string unit = entry.value("time_unit", "ns");
    const auto scale = harness::seconds_per_unit(unit);
    if (!scale) throw InputError(fmt::format("{}: unknown time_unit '{}'", where, unit));
    if (!entry["real_time"].is_number()) throw InputError(fmt::format("{}: real_time is not a number", where));
    r.real_time_s = entry["real_time"].get<double>() * *scale;
    // A hand-edited or damaged file: a time below zero or beyond any run, or a time that took none
    // (a median of 0 made every ratio against it 0, and a 40% slowdown passed the gate).
    if (!std::isfinite(r.real_time_s) || r.real_time_s < 0 || r.real_time_s > kLongestRepetitionS ||
        (a_time && !failed && r.real_time_s < kShortestRepetitionS))
      throw InputError(fmt::format("{}: real_time {} is not a duration a repetition can take", where, entry["real_time"].dump()));
    if (entry.contains("cpu_time") && entry["cpu_time"].is_number()) {
      const double cpu_time_s = entry["cpu_time"].get<double>() * *scale;
      if (!std::isfinite(cpu_time_s) || cpu_time_s < 0 || cpu_time_s > kLongestRepetitionS)
        throw InputError(fmt::format("{}: cpu_time {} is not a duration a repetition can take", where, entry["cpu_time"].dump()));
      r.cpu_time_s = cpu_time_s;
    }
  } else if (!failed && !percentage) {
    throw InputError(fmt::format("{}: no real_time", where));
  }
  for (const auto& [key, value] : entry.items()) {
    if (!value.is_number() || standard_fields().contains(key)) continue;
    const double v = value.get<double>();
    // Every counter framebench writes is a count, a size, a time, a share, a rate or a ratio: never
    // below zero, and far below 1e18 (bytes a second on any memory there is). A hand-edited
    // 1.7e308 or -3 became inf and -nan in the tables (found 5 December 2026 by a hostile-input sweep).
    // Workers, rounds, sequence numbers and threads are read as ints (1e18 workers was shown as
    // -2147483648).
    const bool an_int = key == "workers" || key == "round" || key == "sequence" || key == "threads" || key == "thread_budget";
    if (!std::isfinite(v) || v < 0 || v > (an_int ? std::numeric_limits<int>::max() : kLargestCounter))
      throw InputError(fmt::format("{}: counter {} is {}, which no run records", where, key, value.dump()));
    r.counters[key] = v;
  }
  if (const auto budget = r.counters.find("thread_budget"); budget != r.counters.end()) {
    r.counters["threads"] = budget->second;  // what every reader of a kernels case calls its threads
    r.counters.erase(budget);
  }
  // Only iterations and their mean and median: a stddev or cv aggregate of an interval's ends is
  // rounding noise around 0 and may come out either way round.
  if (a_time)
    for (const auto& [key, low] : r.counters) {
      if (!key.ends_with("_ci_low")) continue;
      const std::string high_key = key.substr(0, key.size() - 3) + "high";
      if (const auto high = r.counters.find(high_key); high != r.counters.end() && low > high->second)
        throw InputError(fmt::format("{}: {} {} is above {} {}", where, key, low, high_key, high->second));
    }
  const auto counter = [&](const char* key) -> std::optional<double> {
    const auto it = r.counters.find(key);
    return it == r.counters.end() ? std::nullopt : std::optional<double>(it->second);
  };
  if (const auto v = counter("round")) r.round = static_cast<int>(*v);
  if (const auto v = counter("sequence")) r.sequence = static_cast<int>(*v);
  if (!aggregate.empty() && entry.contains("repetitions") && entry["repetitions"].is_number()) {
    const double aggregated_repetitions = entry["repetitions"].get<double>();  // 1 or more: check_entry_shape
    if (aggregated_repetitions > std::numeric_limits<int>::max())
      throw InputError(fmt::format("{}: repetitions is {}, which no run records", where, entry["repetitions"].dump()));
    r.aggregated_repetitions = static_cast<int>(aggregated_repetitions);
  }
  r.others_cpu_share = counter("others_cpu_share");
  r.steal_share = counter("steal_share");
  if (entry.contains("label") && entry["label"].is_string()) r.label = entry["label"].get<std::string>();
  return r;
}

// The case-level counters `run` repeats on each entry of a case; nullopt in older files.
std::optional<RecordedStatistics> read_statistics(const CaseResult& c, const ResultFile& file) {
  const auto value = [&](const char* counter) -> std::optional<double> {
    const auto v = c.counter_values(counter);
    return v.empty() ? std::nullopt : std::optional<double>(v.front());
  };
  const auto low = value("fps_ci_low"), high = value("fps_ci_high");
  if (!low || !high) return std::nullopt;
  RecordedStatistics s;
  s.fps = {*low, *high};
  s.coverage = value("ci_coverage").value_or(0);
  s.noise = value("noise").value_or(0);
  s.noisy = value("noisy").value_or(0) != 0;
  s.disturbed = value("disturbed").value_or(0) != 0;
  s.throttled = value("throttled").value_or(0) != 0;
  s.others_cpu = value("others_cpu_case_share").value_or(0);
  s.speedup = value("speedup");
  const auto speedup_low = value("speedup_ci_low"), speedup_high = value("speedup_ci_high");
  if (s.speedup && speedup_low && speedup_high) s.speedup_interval = RecordedInterval{*speedup_low, *speedup_high};
  s.speedup_coverage = value("speedup_ci_coverage");
  s.speedup_noise = value("speedup_noise");
  s.confidence = file.context_number("confidence");
  s.max_noise = file.context_number("max_noise");
  s.baseline = file.context_string("baseline");
  // As `run` writes them, or the file was edited or damaged: a confidence of -1 let every interval
  // of two repetitions pass as reaching it, and 1000-2000 fps around a median of 69 was shown as
  // its interval (found 6 December 2026 by a sweep of the reports).
  const auto within = [&](const char* what, std::optional<double> v, double least, double most) {
    if (v && !(*v >= least && *v <= most))
      throw InputError(fmt::format("{}: {}: {} is {:g}, where run records {:g} to {:g}", file.path.string(), c.name, what, *v, least, most));
  };
  within("context.confidence", s.confidence, 0.5, 1);
  within("context.max_noise", s.max_noise, 0, 1);
  within("ci_coverage", s.coverage, 0, 1);
  within("speedup_ci_coverage", s.speedup_coverage, 0, 1);
  within("noise", s.noise, 0, 1e6);
  within("speedup_noise", s.speedup_noise, 0, 1e6);
  if (const auto fps = c.counter_values("fps"); !fps.empty() && !c.failed) {
    const double median = harness::median(fps);
    // An interval of the median's order statistics holds the median (to the rounding of the file).
    if (!(s.fps.low <= median * (1 + 1e-6) && median <= s.fps.high * (1 + 1e-6)))
      throw InputError(fmt::format("{}: {}: fps_ci_low {:g} to fps_ci_high {:g} does not hold the median fps {:g}", file.path.string(), c.name,
                                   s.fps.low, s.fps.high, median));
  }
  return s;
}

// "[json.exception.parse_error.101] parse error at line 3, column 5: ..." -> "parse error at line 3, ..."
std::string json_error_text(const json::exception& e) {
  std::string text = e.what();
  if (const auto close = text.find("] "); text.starts_with("[json.exception") && close != std::string::npos)
    text = text.substr(close + 2);
  return text;
}

std::vector<UnavailableCase> read_unavailable(const json& context, const std::string& file) {
  std::vector<UnavailableCase> out;
  if (!context.contains("unavailable")) return out;
  json list = context["unavailable"];
  if (list.is_string()) {
    try {
      list = json::parse(list.get<std::string>());
    } catch (const json::parse_error& e) {
      throw InputError(fmt::format("{}: context.unavailable is not a JSON array ({})", file, json_error_text(e)));
    }
  }
  if (!list.is_array()) throw InputError(fmt::format("{}: context.unavailable is not a JSON array", file));
  // A field of another type is named, not left to the JSON library's words.
  const auto text = [&](const json& item, const char* key, std::size_t i) {
    if (!item.contains(key)) return std::string();
    if (!item[key].is_string()) throw InputError(fmt::format("{}: context.unavailable[{}].{} is not a string", file, i, key));
    return item[key].get<std::string>();
  };
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].is_object()) out.push_back({text(list[i], "case", i), text(list[i], "reason", i), text(list[i], "scope", i)});
  return out;
}

// Gathers the benchmarks array's entries into cases: the repetitions and aggregates of one case
// share its canonical name.
class CaseCollector {
 public:
  explicit CaseCollector(ResultFile& result) : result_(result) {}

  // `where`: "<file>: benchmarks[<i>]", for messages.
  void add(const json& entry, const std::string& where) {
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string())
      throw InputError(fmt::format("{} has no name", where));
    const auto name = entry["name"].get<std::string>();
    // Names become chart labels in SVG files, which XML 1.0 reads strictly.
    if (const std::string problem = result_text_problem(name); !problem.empty())
      throw InputError(fmt::format("{}: its name {}", where, problem));
    // Before the run_type and aggregate_name are read here: one of another type was left to the JSON
    // library's words, naming no entry or key (found 6 December 2026 by a sweep of the reports).
    check_entry_shape(entry, fmt::format("{} ({})", where, name));
    const bool aggregate = entry.value("run_type", "iteration") == "aggregate";
    const std::string aggregate_name = aggregate ? entry.value("aggregate_name", "") : "";
    std::string run_name = entry.contains("run_name") && entry["run_name"].is_string() ? entry["run_name"].get<std::string>() : name;
    if (aggregate && run_name == name && name.ends_with("_" + aggregate_name))
      run_name.resize(name.size() - aggregate_name.size() - 1);
    // Google Benchmark names a repetition as its run and an aggregate as its run and "_<aggregate>":
    // a run_name saying another case would move the entry there (found 5 December 2026 by a
    // hostile-input sweep).
    if (run_name != name && run_name + "_" + aggregate_name != name)
      throw InputError(fmt::format("{}: run_name '{}' is not the run of '{}'", where, run_name, name));
    check_not_repeated(entry, parse_case_name(run_name).name, name, where);

    auto& c = case_named(run_name);
    auto repetition = read_repetition(entry, fmt::format("{} ({})", where, name));
    if (entry.value("error_occurred", false)) {
      if (!c.failed) c.error_message = entry.value("error_message", "error");
      c.failed = true;
    } else if (const auto v = repetition.counters.find("verified");
               v != repetition.counters.end() && v->second == 0 && (!aggregate || aggregate_name == "median" || aggregate_name == "mean")) {
      // (stddev and cv of the verified counter are 0 when every repetition verified)
      if (!c.failed) c.error_message = "did not verify";
      c.failed = true;
    }
    // An entry carrying an error is no repetition: a failed case's n is what it measured.
    if (aggregate)
      c.aggregates[aggregate_name] = std::move(repetition);
    else if (!entry.value("error_occurred", false))
      c.repetitions.push_back(std::move(repetition));
  }

 private:
  CaseResult& case_named(const std::string& run_name) {
    auto parsed = parse_case_name(run_name);
    const auto [it, inserted] = index_.emplace(parsed.name, result_.cases.size());
    if (inserted) {
      CaseResult c;
      c.name = std::move(parsed.name);
      c.kind = parsed.kind;
      c.params = std::move(parsed.params);
      result_.cases.push_back(std::move(c));
    }
    return result_.cases[it->second];
  }

  // An entry written twice (a file pasted into itself, a tool's bug) would count its repetitions
  // twice and narrow every interval: refused, naming both places. Of one case, whatever Google
  // Benchmark's settings in the name say (a copy differing in repeats:N was pooled).
  void check_not_repeated(const json& entry, const std::string& case_name, const std::string& name, const std::string& where) {
    const auto field = [&](const char* key) { return entry.contains(key) ? entry[key].dump() : std::string(); };
    const auto key = fmt::format("{}\n{}\n{}\n{}", case_name, field("run_type"), field("repetition_index"), field("aggregate_name"));
    if (const auto [it, fresh] = seen_.emplace(key, where); !fresh)
      throw InputError(fmt::format("{} repeats {} ('{}')", where, it->second, name));
  }

  ResultFile& result_;
  std::map<std::string, std::size_t> index_;  // canonical name -> position in cases
  std::map<std::string, std::string> seen_;   // entry identity -> where it first appeared
};

}  // namespace

ParsedName parse_case_name(const std::string& run_name) {
  ParsedName parsed;
  std::vector<std::string> kept;
  std::stringstream in(run_name);
  for (std::string segment; std::getline(in, segment, '/');) {
    if (harness::is_run_setting(segment)) continue;
    if (kept.empty()) {
      if (segment == "e2e") parsed.kind = CaseKind::e2e;
      if (segment == "kernel") parsed.kind = CaseKind::kernel;
    } else if (const auto colon = segment.find(':'); colon != std::string::npos) {
      parsed.params.emplace(segment.substr(0, colon), harness::name_value(segment.substr(colon + 1)));
    }
    kept.push_back(segment);
  }
  for (std::size_t i = 0; i < kept.size(); ++i) parsed.name += (i ? "/" : "") + kept[i];
  return parsed;
}

bool is_case_counter(const std::string& counter) {
  static const std::set<std::string> names = {"fps_ci_low",      "fps_ci_high",     "ci_coverage",         "noise",
                                              "noisy",           "disturbed",       "throttled",           "others_cpu_case_share", "speedup",
                                              "speedup_ci_low",  "speedup_ci_high", "speedup_ci_coverage",   "speedup_noise",
                                              "speedup_pairs"};
  return names.contains(counter);
}

std::string CaseResult::param(const std::string& key) const {
  const auto it = params.find(key);
  return it == params.end() ? std::string() : it->second;
}

std::string CaseResult::short_name() const {
  const auto slash = name.find('/');
  return kind != CaseKind::other && slash != std::string::npos ? name.substr(slash + 1) : name;
}

std::vector<double> CaseResult::times_s() const { return metric_values("time"); }

std::vector<double> CaseResult::counter_values(const std::string& counter) const {
  if (failed) return {};
  std::vector<double> out;
  for (const auto& r : repetitions)
    if (const auto it = r.counters.find(counter); it != r.counters.end()) out.push_back(it->second);
  if (repetitions.empty()) {
    for (const char* which : {"median", "mean"}) {
      const auto agg = aggregates.find(which);
      if (agg == aggregates.end()) continue;
      if (const auto it = agg->second.counters.find(counter); it != agg->second.counters.end()) return {it->second};
    }
  }
  return out;
}

std::vector<double> CaseResult::metric_values(const std::string& metric) const {
  if (metric != "time" && metric != "cpu_time") return counter_values(metric);
  if (failed) return {};
  // A repetition without a cpu_time has none to give (found 6 December 2026 by a sweep of the
  // reports: read as 0 s, a file without any was "faster (significant)" at B/A 0.000).
  const auto pick = [&](const Repetition& r) { return metric == "time" ? std::optional(r.real_time_s) : r.cpu_time_s; };
  std::vector<double> out;
  for (const auto& r : repetitions)
    if (const auto v = pick(r)) out.push_back(*v);
  if (out.empty()) {
    for (const char* which : {"median", "mean"})
      if (const auto agg = aggregates.find(which); agg != aggregates.end() && pick(agg->second)) return {*pick(agg->second)};
  }
  return out;
}

std::optional<RecordedInterval> CaseResult::time_interval() const {
  const auto* median = median_repetition();
  if (!statistics || !median) return std::nullopt;
  const auto frames = median->counters.find("frames");
  // fps = frames / wall time per repetition, so the fps interval's ends are two repetitions' times.
  if (frames == median->counters.end() || frames->second <= 0 || statistics->fps.low <= 0) return std::nullopt;
  return RecordedInterval{frames->second / statistics->fps.high, frames->second / statistics->fps.low};
}

bool CaseResult::never_ran() const { return failed && error_message == harness::kNeverRan; }

std::string CaseResult::failure_reason() const {
  if (never_ran()) return std::string(harness::kStoppedBeforeIt);
  return error_message.empty() ? std::string("no reason recorded") : error_message;  // a file may record none
}

std::string CaseResult::failure_text() const { return (never_ran() ? "not run: " : "failed: ") + failure_reason(); }

int CaseResult::repetition_count() const {
  if (!repetitions.empty()) return static_cast<int>(repetitions.size());
  const auto median = aggregates.find("median");
  return median != aggregates.end() && median->second.aggregated_repetitions ? *median->second.aggregated_repetitions : 0;
}

const Repetition* CaseResult::median_repetition() const {
  if (failed) return nullptr;
  if (repetitions.empty()) {
    const auto agg = aggregates.find("median");
    return agg == aggregates.end() ? nullptr : &agg->second;
  }
  std::vector<const Repetition*> sorted;
  for (const auto& r : repetitions) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->real_time_s < b->real_time_s; });
  return sorted[(sorted.size() - 1) / 2];
}

std::string ResultFile::context_string(const std::string& key) const {
  const auto it = context.find(key);
  if (it == context.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<double> ResultFile::context_number(const std::string& key) const {
  const auto it = context.find(key);
  if (it == context.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (!it->is_string()) return std::nullopt;
  return finite_number(it->get<std::string>());
}

const CaseResult* ResultFile::find(const std::string& case_name) const {
  for (const auto& c : cases)
    if (c.name == case_name) return &c;
  return nullptr;
}

ResultFile parse_result_json(const std::string& text, const std::filesystem::path& path) {
  const auto file = file_label(path);
  json root;
  try {
    root = parse_bounded(text, file);
  } catch (const json::parse_error& e) {
    if (path.extension() == ".toml")  // found 5 December 2026 by a review of first use: a JSON parser's words about a config
      throw InputError(fmt::format("{}: a config, not a results file: `framebench run {}` measures it and writes one", file, path.string()));
    throw InputError(fmt::format("{}: invalid JSON: {}", file, json_error_text(e)));
  } catch (const json::exception& e) {  // a number beyond a double (found by fuzzing), ...
    throw InputError(fmt::format("{}: invalid JSON: {}", file, json_error_text(e)));
  }
  if (!root.is_object() || !root.contains("benchmarks") || !root["benchmarks"].is_array())
    throw InputError(fmt::format("{}: not a framebench result (no benchmarks array)", file));

  ResultFile result;
  result.path = path;
  if (root.contains("context")) {
    if (!root["context"].is_object()) throw InputError(fmt::format("{}: context is not an object", file));
    result.context = root["context"];
  }
  const auto schema = result.context_string("framebench_schema");
  // Another program's Google Benchmark file has no framebench provenance to report or compare.
  if (schema.empty())
    throw InputError(fmt::format("{}: not a framebench result (no framebench_schema in its context)", file));
  if (schema != "1") {
    const bool number = schema.find_first_not_of("0123456789") == std::string::npos && schema.front() != '0';
    throw InputError(number ? fmt::format("{}: framebench_schema '{}' is newer than this framebench reads (1)", file, schema)
                            : fmt::format("{}: framebench_schema '{}' is not a schema version (this framebench reads 1)", file, schema));
  }
  result.unavailable = read_unavailable(result.context, file);
  if (const std::string problem = result_text_problem(result.host()); !problem.empty())  // a chart's label, as case names are
    throw InputError(fmt::format("{}: context.host_name {}", file, problem));
  // Drawn as kernel charts' roofline: a bandwidth no machine has came from an edit (found 6 December
  // 2026 by a sweep of the reports: lines at -5e-09 and 1e+299 GB/s).
  for (const char* key : {"mem_bandwidth_all_cores_bytes_per_s", "mem_bandwidth_single_core_bytes_per_s"})
    if (const auto v = result.context_number(key); v && !(*v > 0 && *v <= 1e14))
      throw InputError(fmt::format("{}: context.{} is {:g}, where a memory bandwidth is above 0 and at most 1e14 bytes/s", file, key, *v));

  // A file that says what it holds holds only such cases: a name of no case (empty, or cut from
  // another kind) would be drawn as a blank row (found 5 December 2026 by a hostile-input sweep).
  const std::string kind = result.context_string("kind");
  const std::string prefix = kind == "e2e" ? "e2e/strategy:" : kind == "kernels" ? "kernel/impl:" : "";
  CaseCollector cases(result);
  const auto& benchmarks = root["benchmarks"];
  for (std::size_t i = 0; i < benchmarks.size(); ++i) {
    const auto& entry = benchmarks[i];
    if (!prefix.empty() && entry.is_object() && entry.contains("name") && entry["name"].is_string() &&
        !entry["name"].get<std::string>().starts_with(prefix) && result_text_problem(entry["name"].get<std::string>()).empty())
      throw InputError(fmt::format("{}: benchmarks[{}] is named '{}': the cases of a {} file are named {}...", file, i,
                                   entry["name"].get<std::string>(), kind == "e2e" ? "run" : "kernels", prefix));
  }
  try {
    for (std::size_t i = 0; i < benchmarks.size(); ++i) cases.add(benchmarks[i], fmt::format("{}: benchmarks[{}]", file, i));
    for (auto& c : result.cases) {
      // Only a stddev or cv left of a case: nothing to say its time (found 5 December 2026 by a
      // hostile-input sweep: such a case was "ok" with n = 0, and compared as not slower).
      if (!c.failed && c.repetitions.empty() && !c.aggregates.contains("median") && !c.aggregates.contains("mean"))
        throw InputError(fmt::format("{}: case '{}' has no repetition and no mean or median, so no time", file, c.name));
      c.statistics = read_statistics(c, result);
    }
  } catch (const json::exception& e) {  // a value of the wrong type anywhere in the entries
    throw InputError(fmt::format("{}: entries of the wrong shape: {}", file, json_error_text(e)));
  }
  // framebench writes no result without a case (such a run ends in "no case to run"), so an
  // empty one was cut by hand or made elsewhere, and would be reported as an empty table.
  if (result.cases.empty()) throw InputError(fmt::format("{}: holds no case (its benchmarks array is empty)", file));
  return result;
}

std::vector<ResultFile> parse_fleet_json(const std::string& text, const std::filesystem::path& path) {
  std::vector<ResultFile> hosts = {parse_result_json(text, path)};
  const json root = parse_bounded(text, file_label(path));
  if (!root.contains("fleet")) return hosts;
  if (!root["fleet"].is_array()) throw InputError(fmt::format("{}: fleet is not an array", file_label(path)));
  std::vector<int> ranks = {0};
  for (std::size_t i = 0; i < root["fleet"].size(); ++i) {
    const json& member = root["fleet"][i];
    if (!member.is_object() || !member.contains("result")) continue;  // a host whose run failed: its error is in the file
    if (member.contains("host") && !member["host"].is_string())
      throw InputError(fmt::format("{}: fleet[{}].host is not a string", file_label(path), i));
    const auto host = member.value("host", std::string("unknown host"));
    if (const std::string problem = result_text_problem(host); !problem.empty())  // a chart's label, as its own host_name
      throw InputError(fmt::format("{}: fleet[{}].host {}", file_label(path), i, problem));
    hosts.push_back(parse_result_json(member["result"].dump(), path.string() + "@" + host));
    hosts.back().context["host_name"] = host;  // the name the fleet gathered it under, which FILE@HOST picks
    ranks.push_back(member.contains("rank") && member["rank"].is_number_integer() ? member["rank"].get<int>() : static_cast<int>(i) + 1);
  }
  // Hosts of one name (ranks on one machine, machines all called "vm") are told apart by rank:
  // else FILE@HOST picked the first and a report drew one host's cases over another's (found
  // 6 December 2026 by a sweep of the reports).
  std::map<std::string, int> named;
  for (const auto& f : hosts) ++named[f.host()];
  for (std::size_t k = 0; k < hosts.size(); ++k) {
    const std::string host = hosts[k].host();
    if (named[host] < 2) continue;
    const std::string unique = fmt::format("{}#{}", host, ranks[k]);
    hosts[k].context["host_name"] = unique;
    if (k > 0) hosts[k].path = path.string() + "@" + unique;
  }
  return hosts;
}

namespace {

std::string read_result_text(const std::filesystem::path& path) {
  std::string text = read_text_file(path, "result file", kLargestResultBytes + 1);
  if (text.size() > kLargestResultBytes)
    throw InputError(fmt::format("{}: larger than {} MiB, which no framebench result is", file_label(path), kLargestResultBytes >> 20));
  return text;
}

// The hosts of a fleet file whose runs failed, with why.
std::map<std::string, std::string> failed_fleet_hosts(const std::string& text, const std::filesystem::path& path) {
  std::map<std::string, std::string> failed;
  const json root = parse_bounded(text, file_label(path));
  if (!root.contains("fleet") || !root["fleet"].is_array()) return failed;
  for (const json& member : root["fleet"])
    if (member.is_object() && !member.contains("result") && member.contains("host") && member["host"].is_string())
      failed[member["host"].get<std::string>()] = member.contains("error") && member["error"].is_string() ? member["error"].get<std::string>() : "";
  return failed;
}

}  // namespace

ResultFile load_result_file(const std::filesystem::path& path) {
  std::error_code ec;
  const std::string name = path.string();
  const auto at = name.rfind('@');
  // FILE@HOST: one host of a fleet file.
  if (at != std::string::npos && !std::filesystem::exists(path, ec) && std::filesystem::exists(name.substr(0, at), ec)) {
    const std::string host = name.substr(at + 1);
    const std::string text = read_result_text(name.substr(0, at));
    std::vector<std::string> known;
    for (auto& f : parse_fleet_json(text, name.substr(0, at))) {
      if (f.host() == host) return std::move(f);
      known.push_back(f.host());
    }
    // Found 6 December 2026 by a sweep of compare: a host whose run failed was said not to be there.
    if (const auto failed = failed_fleet_hosts(text, name.substr(0, at)); failed.contains(host))
      throw InputError(fmt::format("{}: host '{}' has no results: its run failed: {}", file_label(name.substr(0, at)), host,
                                   one_printable_line(failed.at(host))));
    throw InputError(fmt::format("{}: no host '{}' in it (hosts: {})", file_label(name.substr(0, at)), host, fmt::join(known, ", ")));
  }
  const std::string text = read_result_text(path);
  // A fleet file is every host's results: read whole it was rank 0's alone, and compare's gate
  // passed another host's 40% slowdown (found 6 December 2026 by a sweep of compare).
  // (The key's name in the text first: a large file is parsed once more only where it may be one.)
  if (text.find("\"fleet\"") == std::string::npos) return parse_result_json(text, path);
  auto hosts = parse_fleet_json(text, path);  // its first is this file's own results
  if (const auto failed = failed_fleet_hosts(text, path); hosts.size() > 1 || !failed.empty()) {
    std::vector<std::string> names;
    for (const auto& f : hosts) names.push_back(f.host());
    for (const auto& [host, error] : failed) names.push_back(host + " (failed)");
    throw InputError(fmt::format("{}: a fleet's results, one file per host: pick one with {}@HOST (hosts: {})", file_label(path),
                                 path.string(), fmt::join(names, ", ")));
  }
  return std::move(hosts.front());
}

std::vector<ResultFile> load_result_files(const std::vector<std::filesystem::path>& paths) {
  std::vector<ResultFile> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(p, ec)) {
      files.push_back(load_result_file(p));  // FILE@HOST, or the error that names a missing file
      continue;
    }
    for (auto& f : parse_fleet_json(read_result_text(p), p)) files.push_back(std::move(f));
  }
  return files;
}

}  // namespace framebench::reports
