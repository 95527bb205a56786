#include "core/result_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace framebench {
namespace {

TEST(ResultText, UnicodeTabsAndLineBreaksFit) {
  EXPECT_EQ(result_text_problem("testsrc2-1080p"), "");
  EXPECT_EQ(result_text_problem("clips/naïve café 東京 🎬.mkv"), "");
  EXPECT_EQ(result_text_problem("two\nlines\tand a tab\r"), "");
  EXPECT_EQ(result_text_problem("\xef\xbf\xbd \xef\xbf\xbc"), "") << "U+FFFD and U+FFFC are characters";
  EXPECT_EQ(result_text_problem(""), "");
}

TEST(ResultText, RawControlsAndBytesThatAreNotUtf8DoNot) {
  EXPECT_EQ(result_text_problem(std::string("h3\x01x")), "holds the control character U+0001");
  EXPECT_EQ(result_text_problem(std::string("bell\x07")), "holds the control character U+0007");
  EXPECT_EQ(result_text_problem(std::string("nul\0x", 5)), "holds the control character U+0000");
  // Google Benchmark escapes these two, but XML 1.0 has no way to write them: the SVG charts fail.
  EXPECT_EQ(result_text_problem("back\bspace"), "holds the control character U+0008");
  EXPECT_EQ(result_text_problem("form\ffeed"), "holds the control character U+000C");
  EXPECT_EQ(result_text_problem("x\xef\xbf\xbe"), "holds U+FFFE (a noncharacter XML does not allow)");
  EXPECT_EQ(result_text_problem("\xef\xbf\xbfy"), "holds U+FFFF (a noncharacter XML does not allow)");
  for (const std::string bad : {"in\xff.mkv", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "cut\xe6\x9d"})
    EXPECT_EQ(result_text_problem(bad), "holds bytes that are not UTF-8") << bad;
}

TEST(ResultText, Utf8ProblemLooksAtTheEncodingAlone) {
  EXPECT_EQ(utf8_problem("back\bspace \x01 \xef\xbf\xbe"), "") << "JSON escapes controls, and U+FFFE is UTF-8";
  EXPECT_EQ(utf8_problem("in\xff.mkv"), "holds bytes that are not UTF-8");
}

// A message naming a user's file or value stays one line a terminal shows as it is.
TEST(ResultText, OnePrintableLineEscapesControlsAndBytesThatAreNotUtf8) {
  EXPECT_EQ(one_printable_line("clips/naïve café 東京.mkv: no such file"), "clips/naïve café 東京.mkv: no such file");
  EXPECT_EQ(one_printable_line(std::string("kernel 'box3\xff'")), "kernel 'box3\\xff'");
  EXPECT_EQ(one_printable_line("a\nb.mp4\t\x7f"), "a\\x0ab.mp4\\x09\\x7f");
  EXPECT_EQ(one_printable_line(std::string("cut \xe6\x9d")), "cut \\xe6\\x9d");  // a character's first two bytes
  // Shown in a row or a chart's line: the line breaks of a failure's words as spaces, an escape
  // sequence from an edited file as text.
  EXPECT_EQ(single_line_text("did not verify:\nframe 7\r\tat 3"), "did not verify: frame 7  at 3");
  EXPECT_EQ(single_line_text("\x1b[31mred"), "\\x1b[31mred");
}

}  // namespace
}  // namespace framebench
