#include "core/input_file.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench {

void check_input_file(const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (!fs::exists(status)) throw InputError(fmt::format("{}: no such file", file.string()));
  if (fs::is_directory(status)) throw InputError(fmt::format("{}: is a directory, not a video file", file.string()));
  if (!fs::is_regular_file(status))
    throw InputError(fmt::format("{}: not a regular file (a pipe or device cannot be read more than once); copy it to a file first",
                                 file.string()));
  if (::access(file.c_str(), R_OK) != 0) throw InputError(fmt::format("{}: cannot read it (permission denied)", file.string()));
}

}  // namespace framebench
