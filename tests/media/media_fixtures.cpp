#include "media_fixtures.hpp"

#include <random>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/subprocess.hpp"
#include "media/video_reader.hpp"

namespace framebench::media::testing {

void run_ffmpeg(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"};
  argv.insert(argv.end(), args.begin(), args.end());
  // stderr stays the test's own: its errors show in the test log.
  Subprocess child(argv);
  const ExitStatus status = child.wait();
  if (!status.ok()) throw Error(fmt::format("ffmpeg failed ({}); its stderr is above", status.describe()));
}

std::string run_ffprobe(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"ffprobe", "-v", "error"};
  argv.insert(argv.end(), args.begin(), args.end());
  const RunResult result = run_capture(argv);
  if (!result.status.ok()) throw Error(fmt::format("ffprobe failed ({})", result.status.describe()));
  return result.out;
}

void make_cli_clip(const std::filesystem::path& out, int width, int height, const std::string& rate, int frames,
                   const std::vector<std::string>& codec_args, const std::string& source) {
  std::vector<std::string> args = {"-f", "lavfi", "-i", fmt::format("{}=size={}x{}:rate={}", source, width, height, rate),
                                   "-frames:v", std::to_string(frames)};
  args.insert(args.end(), codec_args.begin(), codec_args.end());
  args.push_back(out.string());
  run_ffmpeg(args);
}

Frame pattern_frame(int width, int height, int index) {
  Frame frame(width, height);
  std::mt19937 rng(static_cast<unsigned>(index) * 7919u + 17u);
  for (int y = 0; y < height; ++y) {
    std::uint8_t* row = frame.row(y);
    for (int x = 0; x < width * 3; ++x) {
      const int gradient = (x + 2 * y + 5 * index) & 0xff;
      row[x] = static_cast<std::uint8_t>(gradient ^ (rng() & 0x3f));
    }
  }
  return frame;
}

std::vector<std::uint64_t> decode_hashes(const std::filesystem::path& file, int threads) {
  VideoReader reader(file, {.threads = threads});
  std::vector<std::uint64_t> hashes;
  Frame frame;
  while (reader.read(frame)) hashes.push_back(hash_pixels(frame.view()));
  return hashes;
}

}  // namespace framebench::media::testing
