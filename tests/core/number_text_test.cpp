#include "core/number_text.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace framebench {
namespace {

TEST(FiniteNumber, ReadsTheWholeTextAsADecimalOrScientificNumber) {
  EXPECT_EQ(finite_number("3"), 3.0);
  EXPECT_EQ(finite_number("-0.5"), -0.5);
  EXPECT_EQ(finite_number("+30"), 30.0);
  EXPECT_EQ(finite_number(".25"), 0.25);
  EXPECT_EQ(finite_number("1e-3"), 1e-3);
  EXPECT_EQ(finite_number("2.5E2"), 250.0);
}

TEST(FiniteNumber, RefusesWhatIsNotAFiniteNumberAndNothingElse) {
  for (const char* text : {"", " 3", "3 ", "3x", "x3", "0x10", "+", "-", "+-3", "++3", "1e", "1e400", "-1e400", "inf", "-inf",
                           "nan", "infinity", "1,5", "3\n"})
    EXPECT_FALSE(finite_number(text).has_value()) << "'" << text << "'";
}

}  // namespace
// One reading of whole numbers (found 6 December 2026 by a review: five hand-written copies, and
// std::stoi in the charts read "2x" as 2).
TEST(WholeNumber, ReadsTheWholeTextAsAnIntegerOfItsType) {
  EXPECT_EQ(whole_number<int>("42"), 42);
  EXPECT_EQ(whole_number<int>("-3"), -3);
  EXPECT_EQ(whole_number<std::uint64_t>("18446744073709551615"), std::numeric_limits<std::uint64_t>::max());
  for (const char* bad : {"", "2x", " 2", "2 ", "+2", "2.0", "4294967297", "0x10"}) EXPECT_FALSE(whole_number<int>(bad).has_value()) << bad;
  EXPECT_FALSE(whole_number<std::uint64_t>("-1").has_value());
}

}  // namespace framebench
