#pragma once
// Exact integer rank-one factorisation of a kernel's quantised taps: column[i] * row[j] ==
// tap(i, j) for every tap, in integers. It exists for box and gaussian (whose taps are built as an
// outer product) and for custom kernels that happen to be integer outer products, such as
// custom:1,2,1,2,4,2,1,2,1/16. Because the equality is exact, a two-pass filter that uses these
// factors with an exact intermediate computes the very same integer sums as the 2-D definition.
#include <cstdint>
#include <optional>
#include <vector>

#include "kernels/kernel_spec.hpp"

namespace framebench::kernels {

struct RankOneFactors {
  std::vector<std::int64_t> column;  // primitive (gcd 1), applied along y
  std::vector<std::int64_t> row;     // applied along x; carries the common factor
};

// Empty when the taps are not an integer outer product (or are all zero).
std::optional<RankOneFactors> rank_one_factors(const KernelSpec& kernel);

}  // namespace framebench::kernels
