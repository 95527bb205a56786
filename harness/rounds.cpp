#include "harness/rounds.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>

#include "core/interrupt.hpp"
#include "harness/case_statistics.hpp"
#include "harness/run_progress.hpp"

namespace framebench::harness {

namespace {

// Rounds: the fps and, with a baseline that runs beside the case, the speedup.
bool wants_more(std::size_t i, const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy) {
  const CaseRun& c = cases[i];
  if (c.failed()) return false;
  const int b = baseline[i];
  const bool paired = b >= 0 && b != static_cast<int>(i) && !cases[static_cast<std::size_t>(b)].failed();
  return policy.wants_more(c.fps(), c.timed_s(), paired ? paired_speedups(c, cases[static_cast<std::size_t>(b)]) : std::vector<double>{});
}

// When a round stops to check and write what it finished: every policy.save_every_s seconds, or
// once the outputs waiting for their check take kMostWaitingBytes of scratch. Checked at the
// round's end alone, an hours-long first round of many cases held every output and wrote nothing
// until it ended (found 6 December 2026 by a sweep of large configs: 140 outputs, 91 MB, at once).
// A check made early decodes the input once more for the cases of its input still to come.
class SaveClock {
 public:
  static constexpr std::uintmax_t kMostWaitingBytes = std::uintmax_t{1} << 30;

  explicit SaveClock(double every_s) : every_(every_s) {}

  // Counts the output `c` left waiting for its check, if it did.
  void ran(const CaseRun& c) {
    std::error_code ec;
    const auto bytes = c.unverified ? std::filesystem::file_size(c.job.output, ec) : 0;
    if (!ec) waiting_ += bytes;
  }
  bool due() const {
    return waiting_ >= kMostWaitingBytes || std::chrono::duration<double>(Clock::now() - saved_at_).count() >= every_;
  }
  void saved() {
    saved_at_ = Clock::now();
    waiting_ = 0;
  }

 private:
  using Clock = std::chrono::steady_clock;
  double every_;
  Clock::time_point saved_at_ = Clock::now();
  std::uintmax_t waiting_ = 0;
};

}  // namespace

bool runs_again(std::size_t i, const std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy) {
  const CaseRun& c = cases[i];
  // Sequential order: the fps alone, since the baseline ran to its own end before the case began.
  if (policy.order == Order::sequential) return !c.failed() && policy.wants_more(c.fps(), c.timed_s());
  if (c.failed() || static_cast<int>(c.repetitions.size()) >= policy.max_repetitions) return false;
  if (wants_more(i, cases, baseline, policy)) return true;
  for (std::size_t j = 0; j < cases.size(); ++j)
    if (baseline[j] == static_cast<int>(i) && j != i && wants_more(j, cases, baseline, policy)) return true;
  return false;
}

void run_rounds(std::vector<CaseRun>& cases, const std::vector<int>& baseline, const MeasurementPolicy& policy,
                const std::function<void()>& after_round, const StepListener& on_step) {
  const RunProgress progress(cases, baseline, policy);
  const StepListener tell = [&](const CaseRun& c, const std::string& step) {
    progress.step(c, step);
    if (on_step) on_step(c, step);
  };
  // A resumed run numbers its rounds after those it kept.
  int rounds = 0, sequence = 0;
  for (const auto& c : cases)
    for (const auto& r : c.repetitions) {
      rounds = std::max(rounds, r.round);
      sequence = std::max(sequence, r.sequence);
    }
  // The sequential order checks and writes after every case.
  if (policy.order == Order::sequential) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
      CaseRun& c = cases[i];
      while (!interrupt_signal() && runs_again(i, cases, baseline, policy)) {
        c.run_once(static_cast<int>(c.repetitions.size()) + 1, ++sequence, tell);
        verify_first_repetitions({&c}, tell);
      }
      after_round();
    }
    return;
  }
  std::mt19937_64 rng(policy.seed);
  SaveClock save_clock(policy.save_every_s);
  while (!interrupt_signal()) {
    std::vector<std::size_t> round;
    for (std::size_t i = 0; i < cases.size(); ++i)
      if (runs_again(i, cases, baseline, policy)) round.push_back(i);
    if (round.empty()) break;
    if (policy.order == Order::random) std::shuffle(round.begin(), round.end(), rng);
    ++rounds;
    // Outputs of a case's first round are verified at the round's end, or when the round stops to
    // save, those of one input and kernel together: the input is decoded and filtered once for all.
    std::vector<CaseRun*> done;
    for (std::size_t k = 0; k < round.size() && !interrupt_signal(); ++k) {
      done.push_back(&cases[round[k]]);
      done.back()->run_once(rounds, ++sequence, tell);
      save_clock.ran(*done.back());
      if (k + 1 < round.size() && save_clock.due()) {
        verify_first_repetitions(done, tell);
        after_round();
        save_clock.saved();
      }
    }
    verify_first_repetitions(done, tell);
    after_round();
    save_clock.saved();
  }
}

}  // namespace framebench::harness
