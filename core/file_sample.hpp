#pragma once
// A file's identity without reading it all: its size and an XXH3-64 of up to 16 windows of
// 64 KiB spread over it (its first and last among them), about 1 MiB of reading whatever its
// size. Two files with one sample differ, if at all, only between the windows: enough to tell
// another encode of one length apart, not a byte changed in the middle of a large file.
#include <cstdint>
#include <filesystem>
#include <optional>

namespace framebench {

struct FileSample {
  std::uintmax_t bytes = 0;
  std::uint64_t hash = 0;

  bool operator==(const FileSample&) const = default;
};

// Nullopt when the file cannot be read.
std::optional<FileSample> sample_file(const std::filesystem::path& file);

}  // namespace framebench
