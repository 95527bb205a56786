#pragma once
// libav error codes as exceptions with av_strerror text. Internal to media/.
#include <string>
#include <string_view>

namespace framebench::media {

std::string av_error_text(int errnum);
// Throws Error("<what>: <av_strerror>") when rc < 0; returns rc otherwise.
int check_av(int rc, std::string_view what);

}  // namespace framebench::media
