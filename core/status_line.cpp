#include "core/status_line.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "core/result_text.hpp"

namespace framebench {

namespace {

bool is_terminal(std::FILE* out) {
  const char* term = std::getenv("TERM");
  return isatty(fileno(out)) == 1 && !(term && std::string_view(term) == "dumb");
}

// A line longer than the terminal wraps, and a carriage return then rewrites only its last part.
std::size_t terminal_columns(std::FILE* out) {
  winsize size{};
  if (ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 1) return size.ws_col - 1;
  return 79;
}

// The bytes of `text` that hold its first `n` characters (UTF-8: a character's continuation bytes
// are 10xxxxxx), so that a cut never splits one.
std::size_t bytes_of_first(const std::string& text, std::size_t n) {
  std::size_t bytes = 0;
  for (std::size_t characters = 0; bytes < text.size(); ++bytes) {
    const bool starts_character = (static_cast<unsigned char>(text[bytes]) & 0xC0) != 0x80;
    if (starts_character && characters++ == n) break;
  }
  return bytes;
}

}  // namespace

StatusLine::StatusLine(std::FILE* out, bool terminal, std::chrono::milliseconds plain_interval)
    : out_(out), terminal_(terminal), plain_interval_(plain_interval) {}

StatusLine& StatusLine::standard_error() {
  static StatusLine line(stderr, is_terminal(stderr));
  return line;
}

void StatusLine::update(const std::string& step, const std::string& detail) {
  const auto now = std::chrono::steady_clock::now();
  const bool new_step = !shown_ || step != step_;
  const auto interval = terminal_ ? std::chrono::milliseconds(100) : plain_interval_;
  if (!new_step && now - last_shown_ < interval) return;
  step_ = step;
  text_ = detail.empty() ? step : fmt::format("{}: {}", step, detail);
  shown_ = true;
  last_shown_ = now;
  if (terminal_) {
    draw();
  } else {
    std::fprintf(out_, "%s\n", text_.c_str());
    std::fflush(out_);
  }
}

void StatusLine::draw() {
  std::string shown = text_;
  // Characters, not bytes, fill columns: a dataset named in UTF-8 was cut mid-character.
  if (const auto columns = terminal_columns(out_); bytes_of_first(shown, columns) < shown.size())
    shown = shown.substr(0, bytes_of_first(shown, columns - 3)) + "...";
  std::fprintf(out_, "\r\x1b[K%s", shown.c_str());  // back to the line's start, erase it, write
  std::fflush(out_);
}

void StatusLine::print(const std::string& text) {
  if (terminal_ && shown_) std::fprintf(out_, "\r\x1b[K");
  std::fprintf(out_, "%s\n", text.c_str());
  if (terminal_ && shown_) draw();
  std::fflush(out_);
}

void StatusLine::warn(std::string_view text) { print("framebench: warning: " + one_printable_line(text)); }

void StatusLine::clear() {
  if (terminal_ && shown_) std::fprintf(out_, "\r\x1b[K");
  std::fflush(out_);
  shown_ = false;
  step_.clear();
  text_.clear();
}

std::string human_duration(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

}  // namespace framebench
