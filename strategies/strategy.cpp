#include "strategies/strategy.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::strategies {

double& seconds_of(StageSeconds& stages, Stage stage) { return stages[std::string(stage_name(stage))]; }

StageSeconds make_stage_seconds(std::initializer_list<std::pair<Stage, double>> booked) {
  StageSeconds stages;
  for (const auto& [stage, seconds] : booked) seconds_of(stages, stage) += seconds;
  return stages;
}

void Strategy::check(const Job& job) const {
  if (const auto why = encoder_unsupported_reason(job.encoder); !why.empty()) throw InputError(why);
  if (const auto problem = media::encoder_size_problem(job.encoder, job.input_info.width, job.input_info.height); !problem.empty())
    throw InputError(fmt::format("{}: {}", job.input.string(), problem));
}

}  // namespace framebench::strategies
