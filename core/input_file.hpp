#pragma once
// What an input video may be: a regular file we can read. A FIFO, a device or a directory is
// refused up front, since strategies read their input more than once (probe, segments, verify)
// and a pipe would hang or yield different bytes each time.
#include <cstdint>
#include <filesystem>
#include <optional>

namespace framebench {

// InputError "<file>: <why>" unless `file` is a readable regular file (links are followed).
void check_input_file(const std::filesystem::path& file);

// The path other processes can open for `file`: a descriptor's name (/dev/stdin, /dev/fd/N,
// /proc/self/fd/N) becomes the file it stands for, since a worker or the ffmpeg CLI opening it
// would get its own descriptor (its control pipe) and wait for ever. Other paths are returned as
// they are, so that messages and results keep the user's words.
std::filesystem::path shareable_input_path(const std::filesystem::path& file);

// An input file as a run took its sha256: which file it is and when it last changed, so that a
// file replaced or rewritten part-way through the run is not measured under the hash recorded.
struct InputStamp {
  std::uintmax_t device = 0, inode = 0, size = 0;
  std::int64_t modified_ns = 0;
  static std::optional<InputStamp> of(const std::filesystem::path& file);  // nullopt: cannot stat it
  bool operator==(const InputStamp&) const = default;
};

}  // namespace framebench
