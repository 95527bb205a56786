#pragma once
// How a run measures: in which order its cases' repetitions run, and when a case has enough of
// them (the stopping rule). Configs and `run`'s flags set it; docs/METHODOLOGY.md explains it.
#include <cstdint>
#include <string>
#include <vector>

namespace framebench::harness {

enum class Order { sequential, interleaved, random };

// The longest time limit or budget a run takes (about eleven and a half days): a value past what
// a clock's nanoseconds hold made the repetition watchdog fire at once ("inf", 1e10 s).
inline constexpr double kMostSeconds = 1e6;
// Percent bounds of max_noise and confidence, for a config's [measure] and run's flags alike.
inline constexpr double kMostNoisePercent = 99;
inline constexpr double kLeastConfidencePercent = 50.5, kMostConfidencePercent = 99.99;

std::string to_string(Order order);
// InputError naming the valid orders for anything else.
Order parse_order(const std::string& text);

struct MeasurementPolicy {
  Order order = Order::interleaved;
  std::uint64_t seed = 0;        // random order: 0 picks one, which the results record
  int min_repetitions = 5;       // timed rounds every case gets
  int max_repetitions = 30;      // at most, however noisy
  double max_noise = 0.03;       // stop once the median's interval is within this fraction of it
  double max_time_s = 300;       // timed seconds per case; past it no more rounds are added
  double confidence = 0.90;      // of the intervals
  double disturbed_share = 0.10; // others' share of the run's CPUs above which a repetition is disturbed
  double timeout_s = 0;          // of one repetition; 0: derived from the input (repetition_timeout)
  // A round's finished repetitions are checked and written at least this often (seconds; 0:
  // after every case), so that a long round is not lost whole to a kill or a full disk.
  double save_every_s = 300;

  // Whether a case with these fps samples, after `timed_s` seconds of timed runs, gets another
  // round: below the minimum, yes; at a limit, no; else until the fps interval is precise and,
  // given the per-round speedups over a baseline that runs beside it, the speedup's interval too.
  bool wants_more(const std::vector<double>& samples, double timed_s, const std::vector<double>& speedups = {}) const;
  // The time limit of one repetition on an input of `frames` frames of width x height: the policy's,
  // or a minute plus half a second per megapixel of input (a 1080p frame is 2 megapixels), far
  // above any strategy's time on any machine we know, yet finite.
  double repetition_timeout(std::int64_t frames, int width, int height) const;
  // Throws InputError "<where>: <what>" when the limits contradict each other.
  void check(const std::string& where) const;
};

}  // namespace framebench::harness
