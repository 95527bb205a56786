#include "media/av_error.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/libav.hpp"

namespace framebench::media {

std::string av_error_text(int errnum) {
  char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
  if (av_strerror(errnum, buffer, sizeof buffer) < 0) return fmt::format("libav error {}", errnum);
  return buffer;
}

int check_av(int rc, std::string_view what) {
  if (rc < 0) throw Error(fmt::format("{}: {}", what, av_error_text(rc)));
  return rc;
}

}  // namespace framebench::media
