#include "reports/compare.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "tests/reports/fixtures.hpp"

namespace framebench::reports {
namespace {

using framebench::testing::fixture;

// The exact two-sided p-value by brute force: every way of choosing which n1 of the pooled
// values form the first sample, counting those whose U is at least as far from the mean.
double brute_force_p(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> all = x;
  all.insert(all.end(), y.begin(), y.end());
  const auto u_of = [](const std::vector<double>& a, const std::vector<double>& b) {
    double u = 0;
    for (double va : a)
      for (double vb : b) u += va > vb ? 1 : va == vb ? 0.5 : 0;
    return u;
  };
  const double n1n2 = static_cast<double>(x.size() * y.size());
  const double observed = u_of(x, y);
  const double extreme = std::max(observed, n1n2 - observed);
  std::vector<bool> pick(all.size(), false);
  std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(x.size()), true);
  std::size_t total = 0, as_extreme = 0;
  do {
    std::vector<double> a, b;
    for (std::size_t i = 0; i < all.size(); ++i) (pick[i] ? a : b).push_back(all[i]);
    if (u_of(a, b) >= extreme) ++as_extreme;
    ++total;
  } while (std::prev_permutation(pick.begin(), pick.end()));
  return std::min(1.0, 2.0 * static_cast<double>(as_extreme) / static_cast<double>(total));
}

TEST(report_compare, mann_whitney_worked_example) {
  // Males' and females' ages at diagnosis (Shier 2004, scipy's documented example): U = 17 of 20.
  const std::vector<double> males = {19, 22, 16, 29, 24}, females = {20, 11, 17, 12};
  const auto exact = mann_whitney_u(males, females);
  EXPECT_TRUE(exact.exact);
  EXPECT_DOUBLE_EQ(exact.u1, 17);
  // P(U >= 17) = P(U <= 3) = (1 + 1 + 2 + 3) / C(9, 4) = 7 / 126; two-sided: 1/9.
  EXPECT_NEAR(exact.p_value, 1.0 / 9.0, 1e-12);
  const auto normal = mann_whitney_u(males, females, UTestMethod::asymptotic);
  EXPECT_FALSE(normal.exact);
  // z = (17 - 10 - 0.5) / sqrt(5 * 4 * 10 / 12); p = erfc(z / sqrt 2).
  EXPECT_NEAR(normal.p_value, std::erfc(6.5 / std::sqrt(200.0 / 12) / std::sqrt(2.0)), 1e-12);
  EXPECT_NEAR(normal.p_value, 0.11134688653314041, 1e-9);
}

TEST(report_compare, mann_whitney_exact_matches_brute_force) {
  const std::vector<std::pair<std::vector<double>, std::vector<double>>> samples = {
      {{1, 2, 3}, {4, 5, 6}},                  // fully separated 3 vs 3: p = 2 / 20
      {{1.5, 4.2, 3.3, 9.1}, {2.2, 8.8, 7.7, 6.6}},
      {{5, 1}, {4, 3, 2, 9, 8, 7, 6}},
      {{10.2, 10.0, 10.4}, {5.6, 5.4, 5.5, 5.45, 5.7}},
      {{3.1, 2.9, 3.3, 3.0, 3.2}, {3.05, 2.95, 3.15, 3.25, 3.35, 2.85}}};
  for (const auto& [x, y] : samples) {
    const auto r = mann_whitney_u(x, y);
    EXPECT_TRUE(r.exact);
    EXPECT_NEAR(r.p_value, brute_force_p(x, y), 1e-12);
  }
  EXPECT_NEAR(mann_whitney_u({1, 2, 3}, {4, 5, 6}).p_value, 0.1, 1e-12);
  EXPECT_DOUBLE_EQ(mann_whitney_u({1, 2, 3}, {4, 5, 6}).u1, 0);
}

TEST(report_compare, mann_whitney_normal_approximation_with_ties) {
  // 10 vs 10, separated: U = 100, mean 50, sd sqrt(10 * 10 * 21 / 12).
  std::vector<double> a(10), b(10);
  std::iota(a.begin(), a.end(), 0.0);
  std::iota(b.begin(), b.end(), 20.0);
  const auto r = mann_whitney_u(a, b);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(r.p_value, std::erfc((100 - 50 - 0.5) / std::sqrt(175.0) / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(r.p_value, 0.00018267179110955002, 1e-12);

  // Two tie groups of 5: tie term 2 * (125 - 5) = 240; sd = sqrt(25 / 12 * (11 - 240 / 90)).
  const auto tied = mann_whitney_u({0, 0, 0, 0, 0}, {1, 1, 1, 1, 1});
  EXPECT_FALSE(tied.exact);  // ties force the approximation even for small samples
  EXPECT_NEAR(tied.p_value, std::erfc((25 - 12.5 - 0.5) / std::sqrt(25.0 / 12 * (11 - 240.0 / 90)) / std::sqrt(2.0)), 1e-15);
  EXPECT_NEAR(tied.p_value, 0.0039767517097886512, 1e-12);

  EXPECT_DOUBLE_EQ(mann_whitney_u({2, 2, 2}, {2, 2, 2}).p_value, 1.0);
  EXPECT_THROW(mann_whitney_u({}, {1}), Error);
}

ResultFile synthetic(const std::string& path, const std::map<std::string, std::vector<double>>& times) {
  ResultFile f;
  f.path = path;
  for (const auto& [name, ts] : times) {
    CaseResult c;
    c.name = name;
    for (double t : ts) c.repetitions.push_back({t, t, {{"fps", 100 / t}}});
    f.cases.push_back(c);
  }
  return f;
}

TEST(report_compare, verdicts_follow_compare_py) {
  std::vector<double> slow(10), fast(10);
  for (int i = 0; i < 10; ++i) {
    slow[i] = 2.0 + 0.01 * i;
    fast[i] = 1.0 + 0.01 * i;
  }
  const auto a = synthetic("a.json", {{"both", slow}, {"once", {1.0}}, {"three", {1, 2, 3}}, {"gone", {1, 2}}});
  const auto b = synthetic("b.json", {{"both", fast}, {"once", {2.0}}, {"three", {4, 5, 6}}, {"new", {1, 2}}});
  const auto cmp = compare_results(a, b, {"time", "fps"});
  ASSERT_EQ(cmp.cases.size(), 5u);
  const auto by_name = [&](const std::string& name) -> const CaseComparison& {
    for (const auto& c : cmp.cases)
      if (c.name == name) return c;
    throw std::runtime_error("no case " + name);
  };

  const auto& both = by_name("both");
  ASSERT_EQ(both.metrics.size(), 2u);
  EXPECT_EQ(both.metrics[0].verdict, Verdict::significant);
  EXPECT_NEAR(both.metrics[0].ratio(), harness::median(fast) / harness::median(slow), 1e-12);
  EXPECT_EQ(both.metrics[1].metric, "fps");
  EXPECT_EQ(both.metrics[1].verdict, Verdict::significant);

  // compare.py needs 2 repetitions a side.
  ASSERT_EQ(by_name("once").metrics.size(), 2u);
  EXPECT_EQ(by_name("once").metrics[0].verdict, Verdict::too_few_repetitions);
  EXPECT_FALSE(by_name("once").metrics[0].utest.has_value());
  // 3 vs 3 fully separated: exact p = 0.1, not significant at 0.05.
  ASSERT_EQ(by_name("three").metrics.size(), 2u);
  EXPECT_EQ(by_name("three").metrics[0].verdict, Verdict::not_significant);
  EXPECT_NEAR(by_name("three").metrics[0].utest->p_value, 0.1, 1e-12);
  EXPECT_EQ(by_name("gone").presence, CasePresence::only_a);
  EXPECT_TRUE(by_name("gone").metrics.empty());
  EXPECT_EQ(cmp.cases.back().name, "new");  // B-only cases come last
  EXPECT_EQ(by_name("new").presence, CasePresence::only_b);

  const auto text = format_comparison(cmp, a, b);
  EXPECT_NE(text.find("too few repetitions"), std::string::npos) << text;
  EXPECT_NE(text.find("significant: B faster"), std::string::npos) << text;
  EXPECT_NE(text.find("only in A: gone"), std::string::npos) << text;
  EXPECT_NE(text.find("only in B: new"), std::string::npos) << text;
  EXPECT_NE(text.find("9+ recommended"), std::string::npos) << text;
  EXPECT_NE(text.find("frames per second, higher is better"), std::string::npos) << text;

  EXPECT_THROW(compare_results(a, b, {"bogus_counter"}), InputError);
}

TEST(report_compare, matches_cases_across_hosts) {
  const auto a = load_result_file(fixture("e2e_quick_host_a.json"));
  const auto b = load_result_file(fixture("e2e_quick_host_b.json"));
  const auto cmp = compare_results(a, b, default_metrics(a, b));
  EXPECT_EQ(cmp.metrics, (std::vector<std::string>{"time", "fps"}));
  std::size_t compared = 0, only_a = 0, only_b = 0;
  for (const auto& c : cmp.cases) {
    if (c.presence == CasePresence::only_a) ++only_a;
    if (c.presence == CasePresence::only_b) ++only_b;
    if (!c.metrics.empty()) ++compared;
  }
  EXPECT_EQ(only_a, 1u);  // piped-ffmpeg
  EXPECT_EQ(only_b, 1u);  // opencv-videoio
  EXPECT_EQ(compared, 7u);  // in-memory failed on A: nothing to compare
  const auto text = format_comparison(cmp, a, b);
  EXPECT_NE(text.find("failed in A: e2e/strategy:in-memory"), std::string::npos) << text;
  EXPECT_NE(text.find("host fixture-host-b"), std::string::npos) << text;
  // B takes 0.7x the time in every case, but 3 repetitions a side cannot reach p < 0.05.
  EXPECT_NE(text.find("0.700"), std::string::npos) << text;
  EXPECT_EQ(text.find("significant: "), std::string::npos) << text;
}

}  // namespace
}  // namespace framebench::reports
