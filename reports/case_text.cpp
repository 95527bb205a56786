#include "reports/case_text.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/number_text.hpp"
#include "harness/statistics.hpp"

namespace framebench::reports {

namespace {

std::string percent(double share) { return fmt::format("{:.1f}%", 100 * share); }

// Time-weighted steal over the case's repetitions (the case-level counter has others' share only).
double steal_of(const CaseResult& c) {
  double wall = 0, steal = 0;
  for (const auto& r : c.repetitions) {
    wall += r.real_time_s;
    steal += r.steal_share.value_or(0) * r.real_time_s;
  }
  return wall > 0 ? steal / wall : 0;
}

}  // namespace

int workers_of(const CaseResult& c) {
  if (const auto w = c.counter_values("workers"); !w.empty()) return static_cast<int>(harness::median(w));
  return whole_number<int>(c.param("workers")).value_or(0);  // not std::stoi, which read "2x" as 2
}

std::string workers_text(const std::string& configured, int used) {
  if (configured == "0") return used > 0 ? fmt::format("all ({})", used) : "all";
  return used > 0 ? std::to_string(used) : configured;
}

std::string workers_text(const CaseResult& c) { return workers_text(c.param("workers"), workers_of(c)); }

std::string flag_text(const CaseResult& c) {
  if (!c.statistics) return {};
  const auto& s = *c.statistics;
  std::vector<std::string> flags;
  if (s.noisy) flags.push_back("noisy");
  if (s.disturbed) flags.push_back("disturbed");
  if (s.throttled) flags.push_back("throttled");
  return fmt::format("{}", fmt::join(flags, ", "));
}

std::vector<std::string> flag_notes(const CaseResult& c) {
  std::vector<std::string> notes;
  if (!c.statistics) return notes;
  const auto& s = *c.statistics;
  // `noisy` is the fps interval's or, since 5 December 2026, the speedup's: the note names whichever missed.
  const bool fps_precise = s.confidence && s.max_noise && harness::precise(s.coverage, s.noise, *s.confidence, *s.max_noise);
  if (s.noisy && fps_precise && s.speedup_coverage && s.speedup_noise)
    notes.push_back(fmt::format("noisy: {}: its speedup's interval reaches {} from the median{}", c.name, percent(*s.speedup_noise),
                                harness::reaches(*s.speedup_coverage, *s.confidence)
                                    ? fmt::format(", more than the {} asked", percent(*s.max_noise))
                                    : fmt::format(" and covers it with {} only ({} asked)", percent(*s.speedup_coverage), percent(*s.confidence))));
  else if (s.noisy && s.confidence && s.coverage < *s.confidence)
    notes.push_back(fmt::format("noisy: {}: {} repetitions cover the median with {} only ({} asked)", c.name, c.times_s().size(),
                                percent(s.coverage), percent(*s.confidence)));
  else if (s.noisy)
    notes.push_back(fmt::format("noisy: {}: its interval reaches {} from the median{}", c.name, percent(s.noise),
                                s.max_noise ? fmt::format(", more than the {} asked", percent(*s.max_noise)) : ""));
  if (s.disturbed) {
    const double steal = steal_of(c);
    notes.push_back(fmt::format("disturbed: {}: other processes used {} of the run's CPUs while it ran{}", c.name, percent(s.others_cpu),
                                steal > 0 ? fmt::format(", the hypervisor took {}", percent(steal)) : ""));
  }
  return notes;
}

std::string status_text(const CaseResult& c) {
  const auto flags = flag_text(c);
  return flags.empty() ? "ok" : flags;
}

bool native_paired_over_bgr24(const std::vector<const CaseResult*>& cases, const std::string& baseline) {
  return std::any_of(cases.begin(), cases.end(), [&](const CaseResult* c) {
    return c->param("strategy") == baseline && c->param("pixel_format") == "native" && c->statistics && c->statistics->speedup &&
           std::abs(*c->statistics->speedup - 1) > 1e-9;
  });
}

}  // namespace framebench::reports
