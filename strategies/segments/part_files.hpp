#pragma once
// The part files of the strategies that encode segments separately (multiprocess-segments,
// piped-ffmpeg): one per segment, in a private scratch directory and in the output's container,
// joined into the output by stream copy, at the input's frame times when its rate varies.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media/frame_times.hpp"
#include "media/presentation.hpp"
#include "strategies/segments/plan.hpp"
#include "strategies/strategy.hpp"

namespace framebench::strategies {

class PartFiles {
 public:
  // `scratch_name` prefixes the scratch directory, made under job.scratch_parent.
  PartFiles(const Job& job, const std::string& scratch_name);

  std::filesystem::path part(const Segment& segment) const;
  // For the files a segment's helpers write beside its part (logs).
  const ScratchDir& scratch() const { return scratch_; }
  // The input's timing, which the join places the parts' frames at.
  const media::FrameTimes& times() const { return times_; }

  // Joins the parts of `segments` into `output`, in order, booking the join as `merge` and the
  // scratch space the parts took (all of them at once, just before the join).
  void join_into(const std::vector<Segment>& segments, const std::filesystem::path& output, RunReport& report) const;

 private:
  ScratchDir scratch_;
  std::string extension_;  // the output's: parts are in its container
  media::FrameTimes times_;
  std::optional<media::DisplayMatrix> display_matrix_;  // the input's: it goes on the joined output
};

}  // namespace framebench::strategies
