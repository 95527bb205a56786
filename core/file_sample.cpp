#include "core/file_sample.hpp"

#include <xxhash.h>

#include <fstream>
#include <memory>
#include <vector>

namespace framebench {

namespace {
constexpr std::uintmax_t kWindowBytes = 64 * 1024;
constexpr std::uintmax_t kWindows = 16;
}  // namespace

std::optional<FileSample> sample_file(const std::filesystem::path& file) {
  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  if (ec) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> state(XXH3_createState(), &XXH3_freeState);
  XXH3_64bits_reset(state.get());
  std::vector<char> window(kWindowBytes);
  // Evenly spaced starts from 0 to the last window's, which may overlap on a small file (read whole).
  const std::uintmax_t last = bytes > kWindowBytes ? bytes - kWindowBytes : 0;
  for (std::uintmax_t k = 0; k < kWindows; ++k) {
    const std::uintmax_t start = last * k / (kWindows - 1);
    in.seekg(static_cast<std::streamoff>(start));
    in.read(window.data(), static_cast<std::streamsize>(window.size()));
    const auto got = in.gcount();
    if (in.bad() || static_cast<std::uintmax_t>(got) != std::min(kWindowBytes, bytes - start)) return std::nullopt;
    in.clear();
    XXH3_64bits_update(state.get(), window.data(), static_cast<std::size_t>(got));
    if (last == 0) break;  // one window holds it all
  }
  return FileSample{bytes, XXH3_64bits_digest(state.get())};
}

}  // namespace framebench
