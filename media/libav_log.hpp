#pragma once
// How loud libav is: quiet unless $FRAMEBENCH_AV_LOG names a level (media/libav.hpp's
// init_libav_logging, internal to media/). This is the part a command needs.
#include <string>

namespace framebench::media {

// The warning for a $FRAMEBENCH_AV_LOG that names no level (which libav's logging treats as
// unset); empty otherwise. Said once, by the command a user runs, not by each child it starts.
std::string libav_log_setting_problem();

}  // namespace framebench::media
