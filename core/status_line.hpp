#pragma once
// How long steps say what they are doing on stderr. On a terminal, one status line is rewritten in
// place (what runs, its progress, the time left); elsewhere (CI logs, files) each step is a plain
// line and updates within a step are printed at most every few seconds, so a log shows the run is
// alive without a line per frame. Lasting lines (a case's result, a skipped case) go through the
// same object, so they never land in the middle of the status line.
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace framebench {

class StatusLine {
 public:
  StatusLine(std::FILE* out, bool terminal, std::chrono::milliseconds plain_interval = std::chrono::seconds(10));
  // The one for stderr, shared by every step of the process; a terminal when stderr is a tty and
  // TERM is not "dumb".
  static StatusLine& standard_error();

  // A passing state. The first update of a step (after clear(), or when `step` changes) is always
  // shown; later ones are throttled: every tenth of a second on a terminal, every `plain_interval`
  // elsewhere.
  void update(const std::string& step, const std::string& detail);
  // A lasting line, printed above the status line (which is redrawn after it on a terminal).
  void print(const std::string& text);
  // A lasting "framebench: warning: ..." line, escaped as one_printable_line does (warnings name
  // users' files and values): the one form every command's warnings take.
  void warn(std::string_view text);
  // Ends the step: removes the status line from a terminal.
  void clear();

 private:
  void draw();
  std::FILE* out_;
  bool terminal_;
  std::chrono::milliseconds plain_interval_;
  std::string step_;
  std::string text_;  // what the status line shows now (terminal)
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_shown_{};
};

// "45 s", "3 min 20 s", "1 h 05 min": a duration for people.
std::string human_duration(double seconds);

}  // namespace framebench
