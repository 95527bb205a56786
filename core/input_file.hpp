#pragma once
// What an input video may be: a regular file we can read. A FIFO, a device or a directory is
// refused up front, since strategies read their input more than once (probe, segments, verify)
// and a pipe would hang or yield different bytes each time.
#include <filesystem>

namespace framebench {

// InputError "<file>: <why>" unless `file` is a readable regular file (links are followed).
void check_input_file(const std::filesystem::path& file);

}  // namespace framebench
