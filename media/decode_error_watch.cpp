#include "media/decode_error_watch.hpp"

#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "media/libav.hpp"

namespace framebench::media {
namespace {

// Decoders may report from their own threads (frame threading); a report is counted once the
// first one is kept, so errors() > 0 means first_error() says something.
std::atomic<bool> watching{false};
std::atomic<std::int64_t> error_count{0};
std::mutex first_mutex;
std::string first_report;

bool from_a_decoder(void* logging_object) {
  if (logging_object == nullptr) return false;
  const AVClass* cls = *static_cast<const AVClass* const*>(logging_object);
  if (cls == nullptr || std::strcmp(cls->class_name, "AVCodecContext") != 0) return false;
  const auto* context = static_cast<const AVCodecContext*>(logging_object);
  return context->codec != nullptr && av_codec_is_decoder(context->codec);
}

std::string trimmed(const char* text) {
  std::string s(text);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

void on_log(void* logging_object, int level, const char* format, va_list args) {
  if ((level & 0xff) <= AV_LOG_ERROR && from_a_decoder(logging_object)) {
    const std::lock_guard lock(first_mutex);
    if (first_report.empty()) {
      char text[512];
      va_list copy;
      va_copy(copy, args);
      std::vsnprintf(text, sizeof text, format, copy);
      va_end(copy);
      first_report = std::string(static_cast<const AVCodecContext*>(logging_object)->codec->name) + ": " + trimmed(text);
    }
    ++error_count;
    return;  // said once, in the error that names the input
  }
  av_log_default_callback(logging_object, level, format, args);
}

}  // namespace

DecodeErrorWatch::DecodeErrorWatch() {
  if (watching.exchange(true)) throw std::logic_error("a DecodeErrorWatch is already watching this process");
  error_count = 0;
  {
    const std::lock_guard lock(first_mutex);
    first_report.clear();
  }
  av_log_set_callback(on_log);
}

DecodeErrorWatch::~DecodeErrorWatch() {
  av_log_set_callback(av_log_default_callback);
  watching = false;
}

std::int64_t DecodeErrorWatch::errors() const { return error_count.load(); }

std::string DecodeErrorWatch::first_error() const {
  const std::lock_guard lock(first_mutex);
  return first_report;
}

}  // namespace framebench::media
