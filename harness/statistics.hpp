#pragma once
// Small order statistics shared by the summary table, result files and reports.
#include <vector>

namespace framebench::harness {

// The middle value (mean of the two middle ones for even counts); 0 for no values.
double median(std::vector<double> values);

}  // namespace framebench::harness
