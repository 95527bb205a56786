#include "media/native_round_trip.hpp"

#include <map>
#include <mutex>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/native_planes.hpp"
#include "media/video_writer.hpp"

namespace framebench::media {

namespace {

// Large enough for every encoder's minimum (x265: 16) and whole in every subsampling (4:1:0).
constexpr int kTrialSize = 64;
// Enough that libavformat finds the stream in every container: two frames of this flat pattern
// made an MPEG-TS of 1692 bytes whose streams it could not read ("End of file"), so every native
// job into .ts failed (found 5 December 2026 by a correctness sweep).
constexpr int kTrialFrames = 8;

NativeRoundTrip trial(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output) {
  const ScratchDir dir("framebench-round-trip");
  const auto file = dir / ("trial" + output.extension().string());
  PlanarFrame frame;
  frame.reshape(native.pixel_format, native_planes(native.pixel_format, kTrialSize, kTrialSize, input.path.string()));
  for (auto& plane : frame.planes)
    for (int y = 0; y < plane.height(); ++y)
      for (int x = 0; x < plane.width() * plane.channels(); ++x) plane.row(y)[x] = static_cast<std::uint8_t>(16 + (x + y) % 200);
  try {
    VideoWriter writer(file, native, {.width = kTrialSize, .height = kTrialSize, .presentation = input.presentation});
    for (int i = 0; i < kTrialFrames; ++i) writer.write(frame);
    writer.finish();
  } catch (const EncoderRefused& e) {  // libav's reason, without our scratch file's name
    const std::string why = e.what();
    const auto said = why.rfind(": ");
    return {.refused = said == std::string::npos ? why : why.substr(said + 2), .read_back = {}};
  }
  try {
    return {.refused = {}, .read_back = probe(file).pixel_format};
  } catch (const InputError& e) {  // our own trial file: the run's failure, not the input's
    throw Error(fmt::format("{}: the trial of encoder '{}' on {} frames could not be read back: {}", input.path.string(), native.name,
                            native.pixel_format, e.what()));
  }
}

}  // namespace

NativeRoundTrip native_round_trip(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output) {
  static std::mutex mutex;
  static std::map<std::string, NativeRoundTrip> found;  // by encoder, pixel format, colour range and container
  const std::string key = fmt::format("{}/{}/{}/{}", native.name, native.pixel_format, input.presentation.color_range, output.extension().string());
  const std::lock_guard<std::mutex> hold(mutex);
  if (const auto known = found.find(key); known != found.end()) return known->second;
  NativeRoundTrip learnt = trial(native, input, output);  // kept only when the trial said something
  return found[key] = std::move(learnt);
}

}  // namespace framebench::media
