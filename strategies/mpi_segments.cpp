// mpi-segments: the chunks of multiprocess-segments handed to the ranks of an Open MPI job (one
// host or many) as they free up; each rank decodes, filters and encodes its chunk with the
// segment worker's code, the encoded part comes back to rank 0 over MPI, and rank 0 joins the
// parts by stream copy. Runs only as rank 0 of `mpirun -np N framebench process|run ...`.
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "core/error.hpp"
#include "mpi/world.hpp"
#include "strategies/factories.hpp"
#include "strategies/segments/job.hpp"
#include "strategies/segments/part_files.hpp"
#include "strategies/segments/rank_dispatcher.hpp"

namespace framebench::strategies {

namespace {

class MpiSegments final : public Strategy {
 public:
  MpiSegments()
      : Strategy("mpi-segments",
                 "chunks handed to Open MPI ranks (one host or many) as they free up; encoded parts return to rank 0 and are joined in order") {}

  bool restarts_decoder_mid_stream() const override { return true; }
  std::string unavailable_reason() const override {
    if (auto why = mpi::build_unavailable_reason(); !why.empty()) return why;
    const mpi::World* world = mpi::World::current();
    if (!world) return "not started as an MPI rank (run framebench under mpirun -np N or srun)";
    if (!world->others_serve_chunks()) return "in a fleet run every rank measures its own host: no rank is free to take chunks";
    return {};
  }

  void check(const Job& job) const override {
    Strategy::check(job);
    if (job.options.mpi_input != "send" && job.options.mpi_input != "shared")
      throw InputError(fmt::format("mpi input '{}' is not one of send, shared", job.options.mpi_input));
  }

  RunReport run(const Job& job) const override {
    mpi::World* world = mpi::World::current();
    if (!world) throw Error(unavailable_reason());
    const PartFiles parts(job, "framebench-mpi");
    // The ranks are the workers: chunks as for the other segment strategies, handed out as ranks free up.
    SegmentPlan plan;
    const int wanted = chunks_wanted(job.input_info, job.options, world->size(), job.options.split);
    plan.segments = plan_segments(job.input_info, wanted, job.options.split, world->size());
    const ChunkJobs chunks = segment_jobs(job, plan, WorkerJob::Kind::segment_to_part_file, [&](const Segment& s) { return parts.part(s); });
    std::vector<WorkerJob> jobs;
    for (std::size_t c = 0; c < chunks.size(); ++c) jobs.push_back(chunks.job(c));
    RunReport report = dispatch_chunks(*world, job, std::move(jobs));
    record_plan(plan, report);
    // What a scale-out model needs (framebench scale-model) besides the input sent: the bytes that come back.
    double parts_bytes = 0;
    for (const Segment& s : plan.segments) parts_bytes += static_cast<double>(std::filesystem::file_size(parts.part(s)));
    report.counters["parts_bytes"] = parts_bytes;
    report.counters["input_file_bytes"] = static_cast<double>(std::filesystem::file_size(job.input));
    parts.join_into(plan.segments, job.output, report);
    return report;
  }
};

}  // namespace

std::unique_ptr<Strategy> make_mpi_segments() { return std::make_unique<MpiSegments>(); }

}  // namespace framebench::strategies
