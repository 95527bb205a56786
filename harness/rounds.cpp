#include "harness/rounds.hpp"

#include <algorithm>
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
  while (!interrupt_signal()) {
    std::vector<std::size_t> round;
    for (std::size_t i = 0; i < cases.size(); ++i)
      if (runs_again(i, cases, baseline, policy)) round.push_back(i);
    if (round.empty()) break;
    if (policy.order == Order::random) std::shuffle(round.begin(), round.end(), rng);
    ++rounds;
    for (std::size_t i : round)
      if (!interrupt_signal()) cases[i].run_once(rounds, ++sequence, tell);
    // Outputs of a case's first round are verified at the round's end, those of one input and
    // kernel together: the input is decoded and filtered once for all of them.
    std::vector<CaseRun*> in_round;
    for (std::size_t i : round) in_round.push_back(&cases[i]);
    verify_first_repetitions(in_round, tell);
    after_round();
  }
}

}  // namespace framebench::harness
