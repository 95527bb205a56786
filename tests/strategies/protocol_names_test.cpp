// Local inputs are files, never URLs: a relative input whose name is shaped like a libav protocol
// (concat:, subfile,,) must be read as the file it names, by every CPU strategy, libav's demuxer,
// OpenCV's FFmpeg backend and the ffmpeg CLI alike. Before, `concat:a.mkv|a.mkv` was read as a.mkv
// twice and `subfile,,...` as a slice of a.mkv.
#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>
#include <vector>

#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "tests/media/media_fixtures.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;
using media::testing::make_cli_clip;
using testing::run_framebench;
using testing::StrategyRun;

constexpr int kOwnFrames = 7;     // the file with the protocol-shaped name
constexpr int kOtherFrames = 10;  // a.mkv, which the protocol would read instead

class ProtocolShapedInput : public ::testing::TestWithParam<std::tuple<StrategyRun, std::string>> {};

TEST_P(ProtocolShapedInput, IsReadAsTheFileItNames) {
  const auto& [strategy, input] = GetParam();
  ScratchDir dir("protocol-names");
  make_cli_clip(dir / "a.mkv", 64, 48, "25", kOtherFrames, {"-c:v", "ffv1"});
  make_cli_clip(dir / input, 64, 48, "25", kOwnFrames, {"-c:v", "ffv1", "-f", "matroska"});
  const bool opencv = strategy.name == "opencv-videoio";  // writes mpeg4 in AVI only
  const std::string output = opencv ? "out.avi" : "out.mkv";
  std::vector<std::string> args = {"process", input, output, "--strategy", strategy.name, "--kernel", "box3",
                                   "--encoder", opencv ? "mpeg4" : "ffv1", "--verify"};
  args.insert(args.end(), strategy.flags.begin(), strategy.flags.end());
  const auto r = run_framebench(args, {}, dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(media::probe(dir / output).frame_count, kOwnFrames);
}

std::string protocol_case_name(const ::testing::TestParamInfo<ProtocolShapedInput::ParamType>& info) {
  std::string name = std::get<0>(info.param).name + "_" + std::get<1>(info.param).substr(0, std::get<1>(info.param).find_first_of(":,"));
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(
    EveryCpuStrategy, ProtocolShapedInput,
    ::testing::Combine(::testing::Values(StrategyRun{"single-core", {}}, StrategyRun{"multiprocess-segments", {"--workers", "2", "--split", "exact"}},
                                         StrategyRun{"in-memory", {"--workers", "2", "--split", "exact"}},
                                         StrategyRun{"piped-ffmpeg", {"--workers", "2", "--split", "exact"}},
                                         StrategyRun{"tbb-pipeline", {"--workers", "2"}},
                                         StrategyRun{"tbb-chunks", {"--workers", "2", "--split", "exact"}},
                                         StrategyRun{"opencv-videoio", {"--workers", "1", "--min-psnr", "24"}},
                                         StrategyRun{"ffmpeg-filter", {"--workers", "1"}}),
                       ::testing::Values(std::string("concat:a.mkv|a.mkv"), std::string("subfile,,start,0,end,4096,,:a.mkv"))),
    protocol_case_name);

}  // namespace
}  // namespace framebench
