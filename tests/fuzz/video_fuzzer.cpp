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

// One scratch file per fuzzing process, rewritten for every input. Its name is removed as soon as
// it is made and the file is reached through /proc/self/fd, so nothing is left behind however the
// process ends (libFuzzer leaves by _Exit on a finding, a timeout or a signal, skipping atexit).
class ScratchFile {
 public:
  ScratchFile() {
    std::string name = (std::filesystem::temp_directory_path() / "framebench-video-fuzz-XXXXXX").string();
    fd_ = mkstemp(name.data());
    if (fd_ < 0 || unlink(name.c_str()) != 0) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  const std::filesystem::path& path() const { return path_; }
  void write(const std::uint8_t* data, std::size_t size) const {
    if (ftruncate(fd_, 0) != 0) std::abort();
    for (std::size_t done = 0; done < size;) {
      const ssize_t n = pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
  }

 private:
  int fd_ = -1;
  std::filesystem::path path_;
};

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
  static const ScratchFile scratch;
  scratch.write(data, size);
  try {
    open_decode_split(scratch.path());
  } catch (const Error&) {
  }
  return 0;
}
