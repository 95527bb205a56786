#include "cli/mpi_ranks.hpp"

#include <chrono>

#include <fmt/format.h>

#include "core/error.hpp"
#include "harness/environment.hpp"
#include "strategies/segments/rank_service.hpp"

namespace framebench::cli {

MpiRanks::MpiRanks(bool may_join, bool fleet) {
  if (!may_join || !mpi::started_as_rank() || !mpi::build_unavailable_reason().empty()) return;
  world_ = std::make_unique<mpi::World>(this_build_text());
  world_->set_others_serve_chunks(!fleet);
  // Another build on one host ran without a word: chunks filtered by other code, a fleet's hosts
  // compared across builds (found 6 December 2026 by a scale-out sweep).
  const int other = world_->first_other_build();
  if (other == 0) return;
  world_->set_others_serve_chunks(false);  // nobody waits for chunks, nor sends a stop
  if (world_->rank() != 0) {
    stands_down_ = true;
    return;
  }
  // A framebench from before the builds were gathered sends none.
  const std::string others = world_->build(other).empty() ? "an older framebench" : "framebench " + world_->build(other);
  throw InputError(fmt::format("{} runs {} and rank 0 on {} runs {}: every rank must run one build (scripts/bundle "
                               "makes one to unpack on every host)",
                               world_->describe(other), others, world_->host(0), world_->build(0)));
}

MpiRanks::~MpiRanks() {
  if (!world_ || world_->rank() != 0 || !world_->others_serve_chunks()) return;
  for (int r = 1; r < world_->size(); ++r)
    if (!world_->send(r, mpi::Tag::stop, {}, std::chrono::seconds(30))) world_->abort_on_exit(1);
}

int MpiRanks::serve() const { return strategies::serve_chunks(*world_); }

}  // namespace framebench::cli
