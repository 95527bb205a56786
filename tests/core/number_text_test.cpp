#include "core/number_text.hpp"

#include <gtest/gtest.h>

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
}  // namespace framebench
