#include "media/matroska_extent.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/scratch_dir.hpp"
#include "media/probe.hpp"
#include "media_fixtures.hpp"

namespace framebench::media {
namespace {
namespace fs = std::filesystem;

std::optional<std::uint64_t> segment_end_of(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return matroska_segment_end(in);
}

// The first `bytes` of `from`, as `to`.
void copy_head(const fs::path& from, const fs::path& to, std::uintmax_t bytes) {
  std::ifstream in(from, std::ios::binary);
  std::string head(bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(bytes));
  std::ofstream(to, std::ios::binary).write(head.data(), in.gcount());
}

TEST(MatroskaExtent, AWholeFileEndsWhereItsSegmentSays) {
  const ScratchDir dir("matroska-extent-test");
  const fs::path file = dir / "whole.mkv";
  testing::make_cli_clip(file, 160, 120, "25", 40, {"-c:v", "libx264", "-preset", "ultrafast"});
  EXPECT_EQ(segment_end_of(file), fs::file_size(file));
  EXPECT_EQ(probe(file).frame_count, 40);
}

TEST(MatroskaExtent, ACutFileIsRefusedNamingItWhereTheDemuxerSawAShorterClip) {
  const ScratchDir dir("matroska-extent-test");
  const fs::path whole = dir / "whole.mkv", cut = dir / "cut.mkv";
  testing::make_cli_clip(whole, 160, 120, "25", 40, {"-c:v", "libx264", "-preset", "ultrafast"});
  copy_head(whole, cut, fs::file_size(whole) * 6 / 10);
  // libavformat alone reads it as a whole shorter clip: no packet is marked corrupt.
  const std::string packets = testing::run_ffprobe({"-count_packets", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", cut.string()});
  ASSERT_LT(std::stoi(packets), 40);
  try {
    probe(cut);
    ADD_FAILURE() << "a cut Matroska file was probed as a whole one";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(cut.string()), std::string::npos) << what;
    EXPECT_NE(what.find("cut short"), std::string::npos) << what;
  }
}

TEST(MatroskaExtent, AFileWrittenToAPipeDeclaresNoEndAndIsRead) {
  const ScratchDir dir("matroska-extent-test");
  const fs::path file = dir / "piped.mkv";
  const std::string command = "ffmpeg -nostdin -loglevel error -f lavfi -i testsrc2=size=160x120:rate=25 -frames:v 20 "
                              "-c:v libx264 -preset ultrafast -f matroska - > '" + file.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(segment_end_of(file), std::nullopt);
  EXPECT_EQ(probe(file).frame_count, 20);
}

TEST(MatroskaExtent, BytesThatAreNotMatroskaDeclareNothing) {
  for (const std::string& bytes : {std::string(), std::string("RIFF\0\0\0\0AVI ", 12), std::string("\x1A\x45\xDF\xA3\x81", 5),
                                  std::string("\x1A\x45\xDF\xA3\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 12)}) {
    std::istringstream in(bytes);
    EXPECT_EQ(matroska_segment_end(in), std::nullopt) << bytes.size() << " bytes";
  }
}

}  // namespace
}  // namespace framebench::media
