#include "core/status_line.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/result_text.hpp"

namespace framebench {
namespace {

// What a StatusLine wrote, through a real FILE stream.
class Captured {
 public:
  Captured() : file_(open_memstream(&buffer_, &size_)) {}
  ~Captured() {
    std::fclose(file_);
    std::free(buffer_);
  }
  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    return std::string(buffer_, size_);
  }

 private:
  char* buffer_ = nullptr;
  std::size_t size_ = 0;
  std::FILE* file_;
};

TEST(StatusLine, PlainModeWritesWholeLinesOnlyAndThrottlesUpdatesWithinAStep) {
  Captured out;
  StatusLine line(out.file(), /*terminal=*/false, std::chrono::hours(1));
  line.update("generating tiny", "frame 1/10");
  line.update("generating tiny", "frame 2/10");  // same step, within the interval: not printed
  line.update("verifying", "frame 1/10");        // a new step always is
  line.print("tiny: done");
  line.clear();
  line.update("verifying", "again");  // after clear() the step starts over
  EXPECT_EQ(out.text(), "generating tiny: frame 1/10\nverifying: frame 1/10\ntiny: done\nverifying: again\n");
}

TEST(StatusLine, TerminalModeRewritesOneLineAndKeepsLastingLinesAboveIt) {
  Captured out;
  StatusLine line(out.file(), /*terminal=*/true);
  line.update("warm-up", "case 1/2");
  line.print("case 1 done");
  line.update("round 1", "case 2/2");
  line.clear();
  EXPECT_EQ(out.text(),
            "\r\x1b[Kwarm-up: case 1/2"       // drawn
            "\r\x1b[Kcase 1 done\n"           // erased, the lasting line printed
            "\r\x1b[Kwarm-up: case 1/2"       // and the status redrawn below it
            "\r\x1b[Kround 1: case 2/2"       // a new step rewrites it in place
            "\r\x1b[K");                      // clear() leaves an empty line
}

// Out of a terminal's width (79 columns where it says none), the line is cut to fit, at a
// character: a dataset named in UTF-8 was cut between a character's bytes.
TEST(StatusLine, ALineTooWideIsCutBetweenCharacters) {
  Captured out;
  StatusLine line(out.file(), /*terminal=*/true);
  std::string step = "[1/1] single-core ";
  for (int i = 0; i < 80; ++i) step += "é";  // two bytes, one column
  line.update(step, "round 1");
  const std::string text = out.text();
  ASSERT_TRUE(text.starts_with("\r\x1b[K[1/1] single-core éé")) << text;
  ASSERT_TRUE(text.ends_with("...")) << text;
  const std::string shown = text.substr(4, text.size() - 7);
  EXPECT_EQ(utf8_problem(shown), "") << shown;
  std::size_t characters = 0;
  for (const char byte : shown) characters += (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
  EXPECT_EQ(characters, 76u);
}

TEST(StatusLine, AWarningIsOneLineInTheOneFormAboveTheStatusLine) {
  Captured out;
  StatusLine line(out.file(), /*terminal=*/true);
  line.update("[1/1] single-core", "round 1");
  line.warn("clip\nname\x01.mkv is interlaced");
  EXPECT_EQ(out.text(), "\r\x1b[K[1/1] single-core: round 1\r\x1b[Kframebench: warning: clip\\x0aname\\x01.mkv is interlaced\n"
                        "\r\x1b[K[1/1] single-core: round 1");
}

TEST(StatusLine, DurationsReadLikeAPersonWouldSayThem) {
  EXPECT_EQ(human_duration(0.4), "0 s");
  EXPECT_EQ(human_duration(45), "45 s");
  EXPECT_EQ(human_duration(200), "3 min 20 s");
  EXPECT_EQ(human_duration(3900), "1 h 05 min");
}

}  // namespace
}  // namespace framebench
