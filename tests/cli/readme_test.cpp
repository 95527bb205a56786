// README's "Using it" block, replayed command by command as a newcomer would type it, in a fresh
// folder holding what the commands name (configs/, the built binary, in.mp4), so the README
// cannot rot. CI-sized: the catalog's clips are shrunk through $FRAMEBENCH_CATALOG and Google
// Benchmark's minimum time through its own environment variable; the commands are not edited.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "tests/support/run_framebench.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

// The lines of the ```sh block under "## Using it".
std::vector<std::string> using_it_block() {
  std::ifstream in(FRAMEBENCH_SOURCE_DIR "/README.md");
  std::vector<std::string> out;
  bool section = false, block = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("## ")) section = line == "## Using it";
    else if (section && line.starts_with("```")) {
      if (block) break;
      block = true;
    } else if (block && !line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

// Every dataset the replayed configs name, as small clips under the same names.
void write_small_catalog(const fs::path& file) {
  std::ofstream(file) << "[tiny]\ndescription = \"QCIF test pattern\"\nsource = \"testsrc2\"\nwidth = 176\nheight = 144\nrate = 30\n"
                         "frames = 48\ngop = 12\nencoder = \"x264-medium\"\ncontainer = \"mp4\"\n\n"
                         "[testsrc2-1080p]\ndescription = \"shrunk for the README replay\"\nsource = \"testsrc2\"\nwidth = 192\n"
                         "height = 108\nrate = 30\nframes = 24\ngop = 12\nencoder = \"x264-medium\"\ncontainer = \"mp4\"\n";
}

TEST(Readme, EveryCommandOfUsingItRunsAsWritten) {
  const auto block = using_it_block();
  ASSERT_GE(block.size(), 10u) << "README.md has no ```sh block under ## Using it";
  ASSERT_TRUE(block.front().starts_with("B=")) << block.front();

  ScratchDir dir("readme-test");
  const fs::path work = dir / "repo";
  fs::create_directories(work / "build/release");
  fs::copy(FRAMEBENCH_SOURCE_DIR "/configs", work / "configs", fs::copy_options::recursive);
  fs::create_symlink(FRAMEBENCH_BINARY, work / "build/release/framebench");
  ASSERT_TRUE(run_capture({"ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=25", "-frames:v", "30", "-c:v",
                           "libx264", "-pix_fmt", "yuv420p", (work / "in.mp4").string()})
                  .status.ok());
  write_small_catalog(dir / "catalog.toml");
  fs::create_directories(dir / "cache");

  for (std::size_t i = 1; i < block.size(); ++i) {
    const auto& line = block[i];
    // The two files each compare line names: results the block has already written.
    for (const char* name : {"a.json", "b.json", "old.json", "new.json"})
      if (line.find(std::string(" ") + name) != std::string::npos && !fs::exists(work / name)) fs::copy_file(work / "my.json", work / name);
    SpawnOptions options;
    options.extra_env = {"FRAMEBENCH_CATALOG=" + (dir / "catalog.toml").string(), "FRAMEBENCH_CACHE_DIR=" + (dir / "cache").string(),
                         "BENCHMARK_MIN_TIME=0.01"};
    options.stderr_file = dir / "stderr";
    options.pipe_stdout = true;
    Subprocess child({"env", "-C", work.string(), "bash", "-c", block.front() + "\n" + line}, options);
    const auto out = read_to_end(child.stdout_fd());
    child.close_stdout();
    const auto status = child.wait();
    std::ifstream err_in(dir / "stderr");
    std::ostringstream err;
    err << err_in.rdbuf();
    EXPECT_TRUE(status.ok()) << line << "\nexit " << status.code << "\n" << out << err.str();
  }
  EXPECT_TRUE(fs::is_regular_file(work / "report/index.html"));
}

}  // namespace
}  // namespace framebench
