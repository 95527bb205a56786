#include "strategies/strategy.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench::strategies {

void Strategy::check(const Job& job) const {
  if (const auto why = encoder_unsupported_reason(job.encoder); !why.empty()) throw InputError(why);
  if (const auto problem = media::encoder_size_problem(job.encoder, job.input_info.width, job.input_info.height); !problem.empty())
    throw InputError(fmt::format("{}: {}", job.input.string(), problem));
}

}  // namespace framebench::strategies
