#pragma once
// Local files as libav sees them. libav reads a name as a URL: a relative path shaped like a
// protocol ("concat:a.mp4|b.mp4", "subfile,,start,0,end,0,,:x.mp4") is read through that protocol
// instead of as the file it names. Every local path handed to libav, the ffmpeg CLI or OpenCV's
// FFmpeg backend goes through file_url, and inputs may use the file protocol only.
#include <filesystem>
#include <string>

namespace framebench::media {

// "file:" + the path: libav's file protocol, which opens exactly that path.
std::string file_url(const std::filesystem::path& path);

// The protocol whitelist of every input we open (avformat's "protocol_whitelist" option, the
// ffmpeg CLI's -protocol_whitelist): a demuxer cannot reach out to another protocol either.
inline constexpr const char* kInputProtocols = "file";

}  // namespace framebench::media
