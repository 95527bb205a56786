#include "cli/mpi_ranks.hpp"

#include <chrono>

#include "strategies/segments/rank_service.hpp"

namespace framebench::cli {

MpiRanks::MpiRanks(bool may_join, bool fleet) {
  if (!may_join || !mpi::started_as_rank() || !mpi::build_unavailable_reason().empty()) return;
  world_ = std::make_unique<mpi::World>();
  world_->set_others_serve_chunks(!fleet);
}

MpiRanks::~MpiRanks() {
  if (!world_ || world_->rank() != 0 || !world_->others_serve_chunks()) return;
  for (int r = 1; r < world_->size(); ++r)
    if (!world_->send(r, mpi::Tag::stop, {}, std::chrono::seconds(30))) world_->abort_on_exit(1);
}

int MpiRanks::serve() const { return strategies::serve_chunks(*world_); }

}  // namespace framebench::cli
