#pragma once
// Reading what a test made or a child wrote: linked into every test executable.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace framebench::testing {

// The whole of a file, as bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& p);

// Lines of text, without their line ends; an empty line stays, as an empty string.
std::vector<std::string> lines(const std::string& text);
// The lines that hold something: ffprobe's CSV output has blank lines between some sections.
std::vector<std::string> filled_lines(const std::string& text);

// How many entries a folder holds: what a refused command must not have added to its scratch.
std::size_t files_in(const std::filesystem::path& dir);

}  // namespace framebench::testing
