#include "strategies/segments/part_files.hpp"

#include <fmt/format.h>

#include "core/stopwatch.hpp"
#include "media/concat.hpp"

namespace framebench::strategies {

PartFiles::PartFiles(const Job& job, const std::string& scratch_name)
    : scratch_(scratch_name, job.scratch_parent),
      extension_(job.output.extension().string()),
      times_(media::FrameTimes::of(job.input_info)),
      display_matrix_(job.input_info.presentation.display_matrix) {}

std::filesystem::path PartFiles::part(const Segment& segment) const {
  return scratch_ / fmt::format("part-{:05}{}", segment.index, extension_);
}

void PartFiles::join_into(const std::vector<Segment>& segments, const std::filesystem::path& output, RunReport& report) const {
  std::vector<std::filesystem::path> parts;
  for (const Segment& s : segments) parts.push_back(part(s));
  report.scratch_bytes = static_cast<std::int64_t>(scratch_.bytes());
  ScopedTimer t(seconds_of(report.stages, Stage::merge));
  media::concat_parts(parts, output, times_, display_matrix_);
}

}  // namespace framebench::strategies
