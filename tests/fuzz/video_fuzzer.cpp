// libFuzzer target: opening, decoding and splitting a video as the segment strategies do. The
// bytes become a file; it is probed, planned into exact segments, decoded from the start and
// seeked to each segment's first frame. Bad input must end in an Error; anything else is a bug.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/subprocess.hpp"
#include "media/video_reader.hpp"
#include "strategies/segments/plan.hpp"

namespace {

using namespace framebench;

// One scratch file per fuzzing process, rewritten for every input.
const std::filesystem::path& scratch_file() {
  static const std::filesystem::path path = [] {
    std::string name = (std::filesystem::temp_directory_path() / "framebench-video-fuzz-XXXXXX").string();
    const int fd = mkstemp(name.data());
    if (fd < 0) std::abort();
    close(fd);
    std::atexit([] { std::filesystem::remove(scratch_file()); });
    return std::filesystem::path(name);
  }();
  return path;
}

void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
}

// Frames decoded per input stay few, so each execution stays fast.
constexpr std::int64_t kMaxFramesRead = 12;

void open_decode_split(const std::filesystem::path& path) {
  media::VideoReader reader(path);
  const auto& info = reader.info();
  // Large frames take long to decode and say nothing new about parsing.
  if (static_cast<std::int64_t>(info.width) * info.height > 256 * 256) return;
  Frame frame;
  for (std::int64_t i = 0; i < kMaxFramesRead && reader.read(frame); ++i) {
  }
  for (const auto& segment : strategies::plan_segments(info, 3, "exact")) {
    reader.seek(segment.first);
    reader.read(frame);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  write_file(scratch_file(), data, size);
  try {
    open_decode_split(scratch_file());
  } catch (const Error&) {
  }
  return 0;
}
