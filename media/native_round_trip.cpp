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

std::string trial(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output) {
  const ScratchDir dir("framebench-round-trip");
  const auto file = dir / ("trial" + output.extension().string());
  PlanarFrame frame;
  frame.reshape(native.pixel_format, native_planes(native.pixel_format, kTrialSize, kTrialSize, input.path.string()));
  for (auto& plane : frame.planes)
    for (int y = 0; y < plane.height(); ++y)
      for (int x = 0; x < plane.width() * plane.channels(); ++x) plane.row(y)[x] = static_cast<std::uint8_t>(16 + (x + y) % 200);
  try {
    VideoWriter writer(file, native, {.width = kTrialSize, .height = kTrialSize, .presentation = input.presentation.for_output(true)});
    writer.write(frame);
    writer.write(frame);
    writer.finish();
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {  // the job's writer would fail alike, after its decoder and filter started
    const std::string why = e.what();
    const auto said = why.rfind(": ");
    return fmt::format("encoder '{}' cannot write {} frames with these colour tags here ({}); use --pixel-format bgr24 (or the "
                       "config's pixel_format), or another encoder",
                       native.name, native.pixel_format, said == std::string::npos ? why : why.substr(said + 2));
  }
  const std::string read_back = probe(file).pixel_format;
  if (read_back == native.pixel_format) return {};
  return fmt::format("encoder '{}' stores {} frames as {}, so an output on the native path could not be checked against the input's "
                     "planes; use --pixel-format bgr24 (or the config's pixel_format), or an encoder that keeps {}",
                     native.name, native.pixel_format, read_back, native.pixel_format);
}

}  // namespace

std::string native_round_trip_problem(const EncoderSpec& native, const VideoInfo& input, const std::filesystem::path& output) {
  static std::mutex mutex;
  static std::map<std::string, std::string> found;  // by encoder, pixel format, colour range and container
  const std::string key = fmt::format("{}/{}/{}/{}", native.name, native.pixel_format, input.presentation.color_range, output.extension().string());
  const std::lock_guard<std::mutex> hold(mutex);
  if (const auto known = found.find(key); known != found.end()) return known->second;
  return found[key] = trial(native, input, output);
}

}  // namespace framebench::media
