#pragma once
// Library versions for provenance.
#include <string>

namespace framebench::media {

std::string libav_versions();  // e.g. "libavcodec 59.37.100, libavformat 59.27.100, ..."
std::string x264_version();    // build number of the libx264 libavcodec links, if known
std::string version_text(unsigned version);  // a libav*_version() number as "59.37.100"
// The `ffmpeg` program the peer strategies run, as PATH finds it now: its path, version and
// libraries ("/usr/bin/ffmpeg: ffmpeg version 5.1.9-0+deb12u1 (libavcodec 59.37.100, libavfilter
// 8.44.100)"), or why there is none. Another one in PATH times the peers differently, and the
// results must say which ran. Runs `ffmpeg -version`, for at most 5 s and 64 KiB of output.
std::string ffmpeg_program();

}  // namespace framebench::media
