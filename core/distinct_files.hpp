#pragma once
// The files a command writes must not be files it reads or another file it writes: `run --out`
// naming its own config or input video, an export named like the results it summarises. Two
// names are the same file when they are (links and other spellings included), or, where one does
// not exist yet, when their absolute normalised paths are equal.
#include <filesystem>
#include <string>
#include <vector>

namespace framebench {

struct NamedFile {
  std::filesystem::path path;
  std::string role;  // what it is to the command: "the config", "--export-csv", "the input"
};

// InputError "<path>: <role> would overwrite <other's role> (<other's path>)" for the first
// output that is an input or an earlier output; empty paths are skipped.
void check_distinct_files(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs);

}  // namespace framebench
