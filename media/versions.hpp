#pragma once
// Library versions for provenance.
#include <string>

namespace framebench::media {

std::string libav_versions();  // e.g. "libavcodec 59.37.100, libavformat 59.27.100, ..."
std::string x264_version();    // build number of the libx264 libavcodec links, if known
std::string version_text(unsigned version);  // a libav*_version() number as "59.37.100"

}  // namespace framebench::media
