#include "media/versions.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"

namespace framebench::media {
namespace {

// PATH set for one scope, as the peers would find `ffmpeg` with it.
class PathFor {
 public:
  explicit PathFor(const std::filesystem::path& dir) : old_(std::getenv("PATH") ? std::getenv("PATH") : "") {
    ::setenv("PATH", dir.c_str(), 1);
  }
  ~PathFor() { ::setenv("PATH", old_.c_str(), 1); }

 private:
  std::string old_;
};

// The results name the `ffmpeg` the peers run: the one PATH finds, with its own version and
// libraries, read from the program (found 7 December 2026 by a fairness audit: a slower one first
// in PATH changed the peers' times and nothing recorded it).
TEST(media_versions, the_ffmpeg_program_is_the_one_path_finds) {
  const auto real = find_in_path("ffmpeg");
  if (real.empty()) GTEST_SKIP() << "no ffmpeg in PATH";
  const ScratchDir dir("ffmpeg-program");
  std::filesystem::create_symlink(real, dir / "ffmpeg");
  std::string named;
  {
    const PathFor path(dir.path());
    named = ffmpeg_program();
  }
  EXPECT_TRUE(named.starts_with((dir / "ffmpeg").string() + ": ffmpeg version ")) << named;
  EXPECT_NE(named.find("(libavcodec "), std::string::npos) << named;
  EXPECT_NE(named.find(", libavfilter "), std::string::npos) << named;
  EXPECT_EQ(named.find("Copyright"), std::string::npos) << named;
}

// Whatever answers to the name runs before every run: one that floods is cut short, in words.
TEST(media_versions, an_ffmpeg_that_floods_is_cut_short) {
  const ScratchDir dir("ffmpeg-program-flood");
  std::ofstream(dir / "ffmpeg") << "#!/bin/sh\nexec " << find_in_path("yes").string() << "\n";
  std::filesystem::permissions(dir / "ffmpeg", std::filesystem::perms::owner_all);
  std::string named;
  {
    const PathFor path(dir.path());
    named = ffmpeg_program();
  }
  EXPECT_EQ(named, (dir / "ffmpeg").string() + ": `ffmpeg -version` did not end within 5 s and 64 KiB of output");
}

TEST(media_versions, no_ffmpeg_in_path_is_said) {
  const ScratchDir dir("ffmpeg-program-none");
  std::string named;
  {
    const PathFor path(dir.path());
    named = ffmpeg_program();
  }
  EXPECT_EQ(named, "none: no `ffmpeg` executable in PATH");
}

// A program of that name that is no ffmpeg is named as such, not taken for one.
TEST(media_versions, a_program_that_says_no_version_is_named_as_such) {
  const ScratchDir dir("ffmpeg-program-other");
  std::filesystem::create_symlink(find_in_path("true"), dir / "ffmpeg");
  std::string named;
  {
    const PathFor path(dir.path());
    named = ffmpeg_program();
  }
  EXPECT_TRUE(named.starts_with((dir / "ffmpeg").string() + ": `ffmpeg -version` said no version")) << named;
}

}  // namespace
}  // namespace framebench::media
