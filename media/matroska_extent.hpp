#pragma once
// How long a Matroska (or WebM) file says it is. Its Segment element declares its own size, so a
// file shorter than that was cut short. libavformat's Matroska demuxer reads such a file to its
// end, drops the partial packet with only a log warning and reports a shorter, whole-looking clip:
// without this, a truncated .mkv would be processed and verified as a shorter video.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <optional>

namespace framebench::media {

// The byte offset where the first Segment ends, read from the EBML header and the Segment's size
// field; nullopt when the bytes do not start a Matroska file or the size is unknown (a file
// written to a pipe or live), since then the file declares no end.
std::optional<std::uint64_t> matroska_segment_end(std::istream& in);

// Throws InputError naming the file when it is a Matroska file shorter than its Segment declares.
void check_matroska_not_cut_short(const std::filesystem::path& path);

}  // namespace framebench::media
