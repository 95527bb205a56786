#include "harness/measurement_policy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "harness/statistics.hpp"

namespace framebench::harness {

std::string to_string(Order order) {
  switch (order) {
    case Order::sequential: return "sequential";
    case Order::interleaved: return "interleaved";
    case Order::random: return "random";
  }
  return "?";
}

Order parse_order(const std::string& text) {
  for (Order o : {Order::sequential, Order::interleaved, Order::random})
    if (to_string(o) == text) return o;
  throw InputError(unknown_name_message("order", text, {"sequential", "interleaved", "random"}));
}

bool MeasurementPolicy::wants_more(const std::vector<double>& samples, double timed_s, const std::vector<double>& speedups) const {
  const int n = static_cast<int>(samples.size());
  if (n < min_repetitions) return true;
  if (n >= max_repetitions || timed_s >= max_time_s) return false;
  const auto precise = [&](const std::vector<double>& values) { return estimate(values, confidence).precise(confidence, max_noise); };
  return !precise(samples) || (!speedups.empty() && !precise(speedups));
}

double MeasurementPolicy::repetition_timeout(std::int64_t frames, int width, int height) const {
  if (timeout_s > 0) return timeout_s;
  return std::min(kMostSeconds, 60 + 0.5 * static_cast<double>(frames) * width * height / 1e6);
}

void MeasurementPolicy::check(const std::string& where) const {
  if (min_repetitions < 1 || min_repetitions > 10000) throw InputError(fmt::format("{}: min_repetitions must be from 1 to 10000", where));
  if (max_repetitions < min_repetitions)
    throw InputError(fmt::format("{}: max_repetitions ({}) is below min_repetitions ({})", where, max_repetitions, min_repetitions));
  if (max_repetitions > 10000) throw InputError(fmt::format("{}: max_repetitions must be at most 10000", where));
  if (!(max_noise >= 0 && max_noise <= kMostNoisePercent / 100))
    throw InputError(fmt::format("{}: max_noise must be from 0 to {:g} (percent)", where, kMostNoisePercent));
  if (!(max_time_s > 0 && max_time_s <= kMostSeconds))
    throw InputError(fmt::format("{}: max_time must be a positive number of seconds, at most {:.0f}", where, kMostSeconds));
  if (!(save_every_s >= 0 && save_every_s <= kMostSeconds))
    throw InputError(fmt::format("{}: save_every must be 0 (after every case) or a positive number of seconds, at most {:.0f}", where,
                                 kMostSeconds));
  if (!(timeout_s >= 0 && timeout_s <= kMostSeconds))
    throw InputError(fmt::format("{}: timeout must be 0 (from the input) or a positive number of seconds, at most {:.0f}", where, kMostSeconds));
  if (!(confidence >= kLeastConfidencePercent / 100 && confidence <= kMostConfidencePercent / 100))
    throw InputError(fmt::format("{}: confidence must be from {:g} to {:g} (percent)", where, kLeastConfidencePercent, kMostConfidencePercent));
}

}  // namespace framebench::harness
