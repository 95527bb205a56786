#pragma once
// The short table `run` ends with: per case, median fps, speedup over single-core on the same
// dataset, kernel and encoder, and whether it verified.
#include <string>
#include <vector>

namespace framebench::harness {

struct SummaryRow {
  std::string strategy, dataset, kernel, encoder;
  int workers = 0;
  std::vector<double> fps;  // per repetition
  bool verified = false;
  std::string error;
};

void print_summary(const std::vector<SummaryRow>& rows);

}  // namespace framebench::harness
