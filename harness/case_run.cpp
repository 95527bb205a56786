#include "harness/case_run.hpp"

#include <exception>
#include <string>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/scratch_dir.hpp"
#include "core/status_line.hpp"
#include "harness/gpu_probe.hpp"
#include "harness/lossy_threshold.hpp"
#include "harness/watchdog.hpp"

namespace framebench::harness {

namespace {

// A check that failed, and where a PSNR bar came from: in a run it is always the config's
// (found 5 December 2026 by a review of first use: the minimal config failed its reference
// strategy on the 40 dB default, and nothing said which setting that was).
std::string did_not_verify(const VerificationResult& v) {
  std::string text = "did not verify: " + v.message;
  if (v.mode == VerifyMode::psnr && v.frames_checked > 0 && v.min_psnr_db < v.bar_db)
    text += fmt::format(" (the config's [verify] min_psnr_db, {:g} dB by default, sets the threshold)", VerifySettings{}.min_psnr_db);
  return text;
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "its check stopped with an unknown error";
  }
}

void report_progress(const CaseRun& c, const Repetition* r) {
  if (!r) {
    StatusLine::standard_error().print(fmt::format("[{}/{}] {}  FAILED: {}", c.index, c.total, c.spec.name(), c.error));
    return;
  }
  const auto& m = r->measurement;
  StatusLine::standard_error().print(
      fmt::format("[{}/{}] {}  round {}  {:.3f} s  {:.1f} fps  {}{}", c.index, c.total, c.spec.name(), r->round, m.wall_s, m.fps(),
                  !c.verification || !c.verification->verified      ? "NOT VERIFIED"
                  : c.verification->mode == VerifyMode::off ? "not checked (verify mode off)"
                                                            : "verified",
                  r->load.others_cpu > 0.1 ? fmt::format("  (others used {:.0f}% of the CPUs)", 100 * r->load.others_cpu) : ""));
}

}  // namespace

std::vector<double> CaseRun::fps() const {
  std::vector<double> out;
  for (const auto& r : repetitions) out.push_back(r.measurement.fps());
  return out;
}

int CaseRun::repetitions_done() const { return static_cast<int>(repetitions.size()) + (unverified ? 1 : 0); }

double CaseRun::timed_s() const {
  double sum = 0;
  for (const auto& r : repetitions) sum += r.measurement.wall_s;
  return sum;
}

Measurement CaseRun::measure_within_limit() const {
  const Watchdog watchdog(timeout_s);
  Measurement m;
  try {
    m = measure_run(*spec.strategy, job);
  } catch (const std::exception& e) {
    if (!watchdog.expired()) throw;
    throw Error(fmt::format("timed out after {:g} s (the case's limit, --timeout), its work stopped: {}", timeout_s, e.what()));
  }
  // A job that finished past its limit all the same (its last frame was being written) is no
  // more within it than one that was stopped; nor is one that ended past it before the watchdog's
  // thread woke (found 6 December 2026 by a leak sweep: ffmpeg-native kept past a 0.4 s limit on
  // a busy machine).
  if (watchdog.expired() || m.wall_s > timeout_s)
    throw Error(fmt::format("timed out after {:g} s (the case's limit, --timeout)", timeout_s));
  return m;
}

std::string input_refusal(const strategies::Strategy& strategy, const strategies::Job& job, VerifyMode verify) {
  try {
    strategy.check(job);
  } catch (const InputError& e) {
    return e.what();
  }
  if (verify != VerifyMode::off)
    if (const auto why = unverifiable_reason(job.input_info, job.encoder, job.pixels, job.output); !why.empty())
      return fmt::format("{}: {}", job.input.string(), why);
  return {};
}

void CaseRun::drop_output() const {
  std::error_code ec;
  std::filesystem::remove(job.output, ec);
}

void CaseRun::run_once(int round, int sequence, const StepListener& on_step) {
  if (failed()) return;
  const auto tell = [&](const std::string& step) {
    if (on_step) on_step(*this, step);
  };
  try {
    if (!prepared_) {
      if (const auto why = input_refusal(*spec.strategy, job, verify.mode); !why.empty()) throw InputError(why);
      for (; warmup > 0; --warmup) {  // untimed, just before the case's first round here
        tell(std::string(kWarmUpStep));
        measure_within_limit();
      }
      prepared_ = true;
    }
    Repetition r;
    r.round = round;
    r.sequence = sequence;
    tell(fmt::format("round {}", round));
    LoadProbe probe;
    GpuProbe gpu_probe;
    probe.start();
    if (spec.strategy->uses_gpu()) gpu_probe.start();
    r.measurement = measure_within_limit();
    r.load = probe.finish(r.measurement.cpu_s);
    if (spec.strategy->uses_gpu()) r.gpu = gpu_probe.finish();
    // A dataset replaced by a clip of the same size and frame count after the first round was
    // measured for three more rounds under the first's sha256 (found 6 December 2026 by a fault sweep).
    if (input_stamp && InputStamp::of(job.input) != input_stamp)
      throw Error(fmt::format("{}: changed during the run (replaced or rewritten since its sha256 was taken), so this repetition did not "
                              "measure the bytes the results record; run again on a file that stays as it is",
                              job.input.string()));
    if (r.measurement.report.frames != job.input_info.frame_count)
      throw Error(fmt::format("wrote {} frames, the input has {}", r.measurement.report.frames, job.input_info.frame_count));
    confirm_frame_count(job.input_info, job.output);  // what the strategy says it wrote, read back, verify on or off
    if (!verification) {
      unverified = r;
      return;
    }
    drop_output();
    if (!verification->verified) throw Error(did_not_verify(*verification));
    repetitions.push_back(r);
    report_progress(*this, &repetitions.back());
  } catch (const std::exception& e) {
    drop_output();
    if (interrupt_signal()) return;  // cut short by Ctrl-C: not the case's failure, and not a sample
    error = e.what();
    report_progress(*this, nullptr);
  }
}

bool CaseRun::shares_expected_frames(const CaseRun& other) const {
  return job.input == other.job.input && job.pixels == other.job.pixels && job.kernel.name == other.job.kernel.name &&
         job.kernel.taps == other.job.kernel.taps && verify.mode == other.verify.mode && verify.min_psnr_db == other.verify.min_psnr_db;
}

namespace {

// A lossy output with a frame nearer its neighbour than its own may be the encoder's doing: on
// frames a few pixels across, x264 carries the previous frame forward. Checked again beside the
// encoder's own output of the expected frames, made only now, as `process --verify` checks; the
// bar stays the config's (found 5 December 2026 by a correctness sweep: every strategy's output of
// a 17x9 clip through gaussian5 and x264 was "out of order" in `run`).
VerifyOutcome checked_beside_the_encoders_own(const CaseRun& c, VerifyOutcome outcome, const StepListener& on_step) {
  if (outcome.error || outcome.result.verified || !outcome.result.misplaced_frame || interrupt_signal()) return outcome;
  if (on_step) on_step(c, fmt::format("checking its output again beside {}'s own of the expected frames", c.job.encoder.name));
  try {
    const ScratchDir scratch("framebench-threshold");
    const auto reference = encode_reference(c.job.input_info, c.job.kernel, c.job.encoder, scratch.path(), c.job.pixels);
    if (reference.empty()) return outcome;
    auto again = verify_outputs(c.job.input_info, c.job.kernel, c.job.pixels, c.verify,
                                {{.output = c.job.output,
                                  .encoder = c.job.encoder,
                                  .bit_exact_filter = c.spec.strategy->bit_exact(),
                                  .encoder_reference = reference,
                                  .reference_sets_bar = false}},
                                OnInterrupt::finish);
    if (!again.front().error) return std::move(again.front());
  } catch (const Error&) {  // a Ctrl-C meanwhile too: the first finding stands
  }
  return outcome;
}

}  // namespace

void verify_first_repetitions(const std::vector<CaseRun*>& cases, const StepListener& on_step) {
  std::vector<CaseRun*> waiting;
  for (CaseRun* c : cases)
    if (c->unverified && !c->failed()) waiting.push_back(c);
  // After a Ctrl-C too: these repetitions are complete, and a repetition is kept only verified
  // (core/interrupt.hpp: the program finishes what it can keep; a second Ctrl-C ends it at once).
  while (!waiting.empty()) {
    std::vector<CaseRun*> group, rest;
    for (CaseRun* c : waiting) (c->shares_expected_frames(*waiting.front()) ? group : rest).push_back(c);
    waiting = std::move(rest);
    const CaseRun& first = *group.front();
    if (on_step) {
      std::string step = group.size() == 1
                             ? std::string("verifying its output")
                             : fmt::format("verifying its output and {} other {} against one decode of the input", group.size() - 1,
                                         group.size() == 2 ? "case's" : "cases'");
      if (interrupt_signal()) step += ", to keep the round's repetitions (Ctrl-C again ends at once)";
      on_step(first, step);
    }
    std::vector<OutputToVerify> outputs;
    for (const CaseRun* c : group)
      outputs.push_back(
          {.output = c->job.output, .encoder = c->job.encoder, .bit_exact_filter = c->spec.strategy->bit_exact(), .encoder_reference = {}});
    std::vector<VerifyOutcome> outcomes(group.size());
    try {
      outcomes = verify_outputs(first.job.input_info, first.job.kernel, first.job.pixels, first.verify, outputs, OnInterrupt::finish);
    } catch (...) {  // the input's decode stopped: every check of the group, each case fails with it
      for (auto& outcome : outcomes) outcome.error = std::current_exception();
    }
    for (std::size_t k = 0; k < group.size(); ++k) {
      CaseRun& c = *group[k];
      outcomes[k] = checked_beside_the_encoders_own(c, std::move(outcomes[k]), on_step);
      c.drop_output();
      Repetition r = std::move(*c.unverified);
      c.unverified.reset();
      if (outcomes[k].error) {
        c.error = message_of(outcomes[k].error);
      } else {
        c.verification = outcomes[k].result;
        if (!c.verification->verified) c.error = did_not_verify(*c.verification);
      }
      if (c.failed()) {
        report_progress(c, nullptr);
        continue;
      }
      c.repetitions.push_back(r);
      report_progress(c, &c.repetitions.back());
    }
  }
}

}  // namespace framebench::harness
