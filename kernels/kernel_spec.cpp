#include "kernels/kernel_spec.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"

namespace framebench::kernels {

namespace {

[[noreturn]] void bad_kernel(std::string_view name, std::string_view why) {
  throw InputError(fmt::format("kernel '{}': {}", name, why));
}

// Rounds to fixed point so that the taps sum exactly to round(sum * 2^shift), keeping the DC
// gain exact (a box filter leaves a flat area unchanged). The rounding remainder goes to the
// taps with the largest fractional parts, nearest the centre first, so symmetry is kept.
// `width` is the row length of the matrix the coefficients form.
std::vector<std::int32_t> quantise(const std::vector<double>& c, int shift, int width) {
  const double scale = std::ldexp(1.0, shift);
  std::vector<std::int32_t> q(c.size());
  std::vector<double> remainder(c.size());
  double exact_sum = 0;
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < c.size(); ++i) {
    const double v = c[i] * scale;
    exact_sum += v;
    q[i] = static_cast<std::int32_t>(std::floor(v));
    remainder[i] = v - q[i];
    sum += q[i];
  }
  const int rows = static_cast<int>(c.size()) / width;
  auto distance = [&](std::size_t k) {
    return std::abs(2 * (static_cast<int>(k) / width) - (rows - 1)) + std::abs(2 * (static_cast<int>(k) % width) - (width - 1));
  };
  std::vector<std::size_t> order(c.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (std::abs(remainder[a] - remainder[b]) > 1e-9) return remainder[a] > remainder[b];
    return distance(a) < distance(b);
  });
  std::int64_t missing = std::llround(exact_sum) - sum;
  if (missing <= 0) return q;

  // Taps with the same remainder and distance from the centre (a symmetric kernel's mirror
  // images) form one group, and units go to whole groups: a group is taken only if the groups
  // after it can still make up the rest exactly (reach[g] = the totals groups g.. can form).
  // Giving units one tap at a time in `order` broke symmetry: gaussian5 became 18 63 95 62 18.
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end) in `order`
  for (std::size_t b = 0; b < order.size();) {
    std::size_t e = b + 1;
    while (e < order.size() && std::abs(remainder[order[e]] - remainder[order[b]]) <= 1e-9 &&
           distance(order[e]) == distance(order[b]))
      ++e;
    groups.emplace_back(b, e);
    b = e;
  }
  const auto target = static_cast<std::size_t>(missing);
  const std::size_t words = target / 64 + 1;
  std::vector<std::vector<std::uint64_t>> reach(groups.size() + 1, std::vector<std::uint64_t>(words));
  reach.back()[0] = 1;
  for (std::size_t g = groups.size(); g-- > 0;) {
    const std::size_t size = groups[g].second - groups[g].first, word_shift = size / 64, bit_shift = size % 64;
    auto& r = reach[g];
    r = reach[g + 1];
    for (std::size_t w = words; w-- > word_shift;) {  // r |= reach[g + 1] << size
      std::uint64_t v = reach[g + 1][w - word_shift] << bit_shift;
      if (bit_shift && w > word_shift) v |= reach[g + 1][w - word_shift - 1] >> (64 - bit_shift);
      r[w] |= v;
    }
  }
  auto reachable = [&](std::size_t g, std::size_t total) { return (reach[g][total / 64] >> (total % 64)) & 1; };
  // The most that whole groups can take; only what they cannot (say an odd total and no centre
  // tap left) goes to single taps, in `order`.
  std::size_t whole = target;
  while (!reachable(0, whole)) --whole;
  std::vector<bool> raised(q.size());
  for (std::size_t g = 0, left = whole; g < groups.size() && left > 0; ++g) {
    const std::size_t size = groups[g].second - groups[g].first;
    if (size > left || !reachable(g + 1, left - size)) continue;
    for (std::size_t k = groups[g].first; k < groups[g].second; ++k) raised[order[k]] = true;
    left -= size;
  }
  std::size_t singles = target - whole;
  for (std::size_t k = 0; singles > 0 && k < order.size(); ++k)
    if (!raised[order[k]]) {
      raised[order[k]] = true;
      --singles;
    }
  for (std::size_t i = 0; i < q.size(); ++i) q[i] += raised[i];
  return q;
}

void check_size(std::string_view name, int size) {
  if (size < 1 || size > kMaxKernelSize || size % 2 == 0)
    bad_kernel(name, fmt::format("size {} is not an odd number from 1 to {}", size, kMaxKernelSize));
}

// The fixed-point accumulator holds 255 times either side's sum of taps (plus the rounding bias)
// in int32: each side's coefficients may sum to at most about 128 in magnitude.
[[noreturn]] void too_large(std::string_view name, double positive, double negative) {
  bad_kernel(name, fmt::format("coefficients too large: the positive ones sum to {:.6g} and the negative ones to {:.6g}; "
                               "either side may reach {} at most, to fit the fixed-point accumulator",
                               positive, negative, std::numeric_limits<std::int32_t>::max() / 255 >> kShift));
}

// Rejects kernels whose accumulator could leave int32 for some 8-bit input.
void check_range(const KernelSpec& k) {
  std::int64_t positive = 0, negative = 0;
  for (auto t : k.taps) (t > 0 ? positive : negative) += t;
  const std::int64_t hi = 255 * positive + (std::int64_t{1} << (kShift - 1));
  const std::int64_t lo = 255 * negative;
  if (hi > std::numeric_limits<std::int32_t>::max() || lo < std::numeric_limits<std::int32_t>::min())
    too_large(k.name, static_cast<double>(positive) / std::ldexp(1.0, kShift), static_cast<double>(negative) / std::ldexp(1.0, kShift));
}

// The same on the coefficients before they are quantised: past the bound, their fixed-point
// values overflow int32 (and quantising them would size its work by the overflow).
void check_magnitudes(std::string_view name, const std::vector<double>& coefficients) {
  double positive = 0, negative = 0;
  for (double c : coefficients) (c > 0 ? positive : negative) += c;
  const double bound = static_cast<double>(std::numeric_limits<std::int32_t>::max()) / 255 / std::ldexp(1.0, kShift);
  if (positive > bound || -negative > bound) too_large(name, positive, negative);
}

KernelSpec separable_kernel(std::string name, const std::vector<double>& factor) {
  if (!std::all_of(factor.begin(), factor.end(), [](double f) { return std::isfinite(f); }))
    bad_kernel(name, "its coefficients are not all finite numbers");
  KernelSpec k;
  k.name = std::move(name);
  k.size = static_cast<int>(factor.size());
  SeparableTaps sep;
  sep.row = quantise(factor, kSeparableShift, k.size);
  sep.column = sep.row;
  k.coefficients.resize(factor.size() * factor.size());
  k.taps.resize(k.coefficients.size());
  for (int i = 0; i < k.size; ++i)
    for (int j = 0; j < k.size; ++j) {
      k.coefficients[static_cast<std::size_t>(i) * k.size + j] = factor[i] * factor[j];
      k.taps[static_cast<std::size_t>(i) * k.size + j] = sep.column[i] * sep.row[j];
    }
  k.separable = std::move(sep);
  check_range(k);
  return k;
}

KernelSpec box(std::string name, int size) {
  check_size(name, size);
  return separable_kernel(std::move(name), std::vector<double>(size, 1.0 / size));
}

KernelSpec gaussian(std::string name, int size, double sigma) {
  check_size(name, size);
  if (!(sigma > 0) || !std::isfinite(sigma)) bad_kernel(name, "sigma must be a positive number");
  std::vector<double> g(size);
  double sum = 0;
  const int r = size / 2;
  // Distance over sigma first: sigma * sigma underflows to 0 below about 1e-162, which made every
  // tap 0/0 (found 5 December 2026 by a hostile-input sweep: gaussian:5:1e-200 gave black frames
  // that verified). This way a tiny sigma is the limit it tends to, the centre tap alone.
  for (int i = 0; i < size; ++i) {
    const double x = (i - r) / sigma;
    sum += g[i] = std::exp(-0.5 * x * x);
  }
  for (auto& v : g) v /= sum;
  return separable_kernel(std::move(name), g);
}

// A flat disc (pillbox, a lens's defocus blur): the taps within `size / 2` of the centre, equal,
// summing to one. Not separable for size >= 3, so it stands for the non-separable kernels whose
// direct cost grows with K^2 (the size sweep's direct vs FFT crossover).
KernelSpec disc(std::string name, int size) {
  check_size(name, size);
  const int r = size / 2;
  std::vector<double> c(static_cast<std::size_t>(size) * size);
  int inside = 0;
  for (int i = 0; i < size; ++i)
    for (int j = 0; j < size; ++j) inside += (i - r) * (i - r) + (j - r) * (j - r) <= r * r;
  for (int i = 0; i < size; ++i)
    for (int j = 0; j < size; ++j)
      if ((i - r) * (i - r) + (j - r) * (j - r) <= r * r) c[static_cast<std::size_t>(i) * size + j] = 1.0 / inside;
  return make_custom_kernel(std::move(name), std::move(c));
}

int parse_int(std::string_view name, std::string_view text) {
  const auto v = whole_number<int>(text);
  if (!v) bad_kernel(name, fmt::format("'{}' is not an integer", text));
  return *v;
}

double parse_double(std::string_view name, std::string_view text) {
  if (const auto v = finite_number(text)) return *v;
  bad_kernel(name, fmt::format("'{}' is not a finite number", text));
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const auto pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

KernelSpec fixed(std::string name, std::vector<double> c) { return make_custom_kernel(std::move(name), std::move(c)); }

}  // namespace

double default_gaussian_sigma(int size) { return 0.3 * ((size - 1) * 0.5 - 1) + 0.8; }

std::vector<std::string> preset_names() {
  return {"box3", "box5", "box7", "box15", "gaussian5", "gaussian15", "sharpen3", "laplacian3", "edge3", "emboss3"};
}

void check_kernel(const KernelSpec& k) {
  check_size(k.name, k.size);
  const auto area = static_cast<std::size_t>(k.size) * k.size;
  if (k.coefficients.size() != area || k.taps.size() != area)
    bad_kernel(k.name, fmt::format("size {} needs {} coefficients and taps, not {} and {}", k.size, area,
                                   k.coefficients.size(), k.taps.size()));
  for (double c : k.coefficients)
    if (!std::isfinite(c)) bad_kernel(k.name, "coefficients must be finite numbers");
  check_range(k);
  if (!k.separable) return;
  const auto& [row, column] = *k.separable;
  if (row.size() != static_cast<std::size_t>(k.size) || column.size() != static_cast<std::size_t>(k.size))
    bad_kernel(k.name, fmt::format("separable factors of {} and {} taps for size {}", row.size(), column.size(), k.size));
  for (int i = 0; i < k.size; ++i)
    for (int j = 0; j < k.size; ++j)
      if (std::int64_t{column[i]} * row[j] != k.tap(i, j))
        bad_kernel(k.name, fmt::format("separable factors do not multiply to tap ({}, {})", i, j));
}

KernelSpec make_custom_kernel(std::string name, std::vector<double> coefficients) {
  const auto n = coefficients.size();
  const int size = static_cast<int>(std::lround(std::sqrt(static_cast<double>(n))));
  if (n == 0 || static_cast<std::size_t>(size) * size != n)
    bad_kernel(name, fmt::format("{} coefficients do not form a square matrix", n));
  check_size(name, size);
  for (double c : coefficients)
    if (!std::isfinite(c)) bad_kernel(name, "coefficients must be finite numbers");
  check_magnitudes(name, coefficients);
  KernelSpec k;
  k.name = std::move(name);
  k.size = size;
  k.coefficients = std::move(coefficients);
  k.taps = quantise(k.coefficients, kShift, size);
  check_range(k);
  return k;
}

KernelSpec make_kernel(std::string_view name) {
  const std::string n(name);
  if (n == "box3") return box(n, 3);
  if (n == "box5") return box(n, 5);
  if (n == "box7") return box(n, 7);
  if (n == "box15") return box(n, 15);
  if (n == "gaussian5") return gaussian(n, 5, default_gaussian_sigma(5));
  if (n == "gaussian15") return gaussian(n, 15, default_gaussian_sigma(15));
  if (n == "sharpen3") return fixed(n, {0, -1, 0, -1, 5, -1, 0, -1, 0});
  if (n == "laplacian3") return fixed(n, {0, 1, 0, 1, -4, 1, 0, 1, 0});
  if (n == "edge3") return fixed(n, {-1, -1, -1, -1, 8, -1, -1, -1, -1});
  if (n == "emboss3") return fixed(n, {-2, -1, 0, -1, 1, 1, 0, 1, 2});

  const auto parts = split(name, ':');
  if (parts[0] == "box" && parts.size() == 2) return box(n, parse_int(name, parts[1]));
  if (parts[0] == "disc" && parts.size() == 2) return disc(n, parse_int(name, parts[1]));
  if (parts[0] == "gaussian" && (parts.size() == 2 || parts.size() == 3)) {
    const int size = parse_int(name, parts[1]);
    return gaussian(n, size, parts.size() == 3 ? parse_double(name, parts[2]) : default_gaussian_sigma(size));
  }
  if (parts[0] == "custom" && parts.size() == 2) {
    auto body = parts[1];
    double divisor = 1;
    if (const auto slash = body.find('/'); slash != std::string_view::npos) {
      divisor = parse_double(name, body.substr(slash + 1));
      if (divisor == 0) bad_kernel(name, "divisor is zero");
      body = body.substr(0, slash);
    }
    std::vector<double> c;
    for (auto v : split(body, ',')) c.push_back(parse_double(name, v) / divisor);
    return make_custom_kernel(n, std::move(c));
  }
  // As every registry says it, with "did you mean" (found 6 December 2026 by a documentation walk-through).
  const auto presets = preset_names();
  const auto near = closest(name, presets);
  bad_kernel(name, fmt::format("unknown kernel{}; presets are {}, or box:K, gaussian:K[:SIGMA], disc:K, custom:c1,c2,...[/divisor]",
                               near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near), fmt::join(presets, " ")));
}

}  // namespace framebench::kernels
