#pragma once
// What an input video may be: a regular file we can read. A FIFO, a device or a directory is
// refused up front, since strategies read their input more than once (probe, segments, verify)
// and a pipe would hang or yield different bytes each time.
#include <filesystem>

namespace framebench {

// InputError "<file>: <why>" unless `file` is a readable regular file (links are followed).
void check_input_file(const std::filesystem::path& file);

// The path other processes can open for `file`: a descriptor's name (/dev/stdin, /dev/fd/N,
// /proc/self/fd/N) becomes the file it stands for, since a worker or the ffmpeg CLI opening it
// would get its own descriptor (its control pipe) and wait for ever. Other paths are returned as
// they are, so that messages and results keep the user's words.
std::filesystem::path shareable_input_path(const std::filesystem::path& file);

}  // namespace framebench
