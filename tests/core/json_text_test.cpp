#include "core/json_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace framebench {
namespace {

TEST(JsonText, UnicodeAndTheEscapedControlsFit) {
  EXPECT_EQ(json_text_problem("testsrc2-1080p"), "");
  EXPECT_EQ(json_text_problem("clips/naïve café 東京 🎬.mkv"), "");
  EXPECT_EQ(json_text_problem("two\nlines\tand a tab"), "");
  EXPECT_EQ(json_text_problem(""), "");
}

TEST(JsonText, RawControlsAndBytesThatAreNotUtf8DoNot) {
  EXPECT_EQ(json_text_problem(std::string("h3\x01x")), "holds the control character U+0001");
  EXPECT_EQ(json_text_problem(std::string("bell\x07")), "holds the control character U+0007");
  EXPECT_EQ(json_text_problem(std::string("nul\0x", 5)), "holds the control character U+0000");
  for (const std::string bad : {"in\xff.mkv", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "cut\xe6\x9d"})
    EXPECT_EQ(json_text_problem(bad), "holds bytes that are not UTF-8") << bad;
}

}  // namespace
}  // namespace framebench
