#include "kernels/cpu/rank_one.hpp"

#include <numeric>

namespace framebench::kernels {

std::optional<RankOneFactors> rank_one_factors(const KernelSpec& k) {
  const int n = k.size;
  int i0 = -1, j0 = -1;
  for (int i = 0; i < n && i0 < 0; ++i)
    for (int j = 0; j < n; ++j)
      if (k.tap(i, j) != 0) {
        i0 = i;
        j0 = j;
        break;
      }
  if (i0 < 0) return std::nullopt;

  // The column through a non-zero tap, divided by its gcd, is the column factor up to sign.
  RankOneFactors f;
  f.column.resize(n);
  std::int64_t g = 0;
  for (int i = 0; i < n; ++i) g = std::gcd(g, std::int64_t{k.tap(i, j0)});
  if (k.tap(i0, j0) < 0) g = -g;
  for (int i = 0; i < n; ++i) f.column[i] = k.tap(i, j0) / g;
  f.row.resize(n);
  for (int j = 0; j < n; ++j) {
    if (k.tap(i0, j) % f.column[i0] != 0) return std::nullopt;
    f.row[j] = k.tap(i0, j) / f.column[i0];
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (f.column[i] * f.row[j] != k.tap(i, j)) return std::nullopt;
  return f;
}

}  // namespace framebench::kernels
