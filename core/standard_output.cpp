#include "core/standard_output.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>

namespace framebench {

namespace {

std::atomic<bool> reader_left{false};

ssize_t write_to_descriptor(void*, const char* bytes, size_t size) {
  if (reader_left) return static_cast<ssize_t>(size);
  for (size_t done = 0; done < size;) {
    const ssize_t n = ::write(STDOUT_FILENO, bytes + done, size - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
    } else if (errno == EPIPE) {
      reader_left = true;
      return static_cast<ssize_t>(size);
    } else if (errno != EINTR) {
      return done > 0 ? static_cast<ssize_t>(done) : -1;
    }
  }
  return static_cast<ssize_t>(size);
}

}  // namespace

void drop_output_once_its_reader_leaves() {
  cookie_io_functions_t functions{};
  functions.write = write_to_descriptor;
  std::FILE* stream = fopencookie(nullptr, "w", functions);
  if (!stream) return;  // out of memory at start-up: the C library's stream stays, as before
  std::setvbuf(stream, nullptr, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
  stdout = stream;
}

}  // namespace framebench
