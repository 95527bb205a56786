#include "tests/harness/case_runs.hpp"

#include "harness/case_matrix.hpp"
#include "harness/config.hpp"

namespace framebench::harness::testing {

std::vector<CaseRun> runs_of(const std::string& matrix) {
  std::vector<CaseRun> runs;
  for (const Case& c : expand_matrix(parse_config("name = \"s\"\n[matrix]\ndataset = \"a\"\nkernel = \"box5\"\nencoder = \"ffv1\"\n" + matrix,
                                                  "s.toml"))) {
    CaseRun run;
    run.spec = c;
    run.job.input_info.frame_count = 100;
    run.job.input_info.width = 100;
    run.job.input_info.height = 100;
    runs.push_back(std::move(run));
  }
  return runs;
}

Repetition repetition(int round, double fps, std::int64_t frames) {
  Repetition r;
  r.round = round;
  r.measurement.report.frames = frames;
  r.measurement.wall_s = static_cast<double>(frames) / fps;
  return r;
}

}  // namespace framebench::harness::testing
