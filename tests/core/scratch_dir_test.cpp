#include "core/scratch_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/output_lock.hpp"

namespace framebench {
namespace {
namespace fs = std::filesystem;

TEST(ScratchDir, RemovesEverythingInside) {
  fs::path where;
  {
    ScratchDir dir("scratch-test");
    where = dir.path();
    fs::create_directories(dir / "a/b");
    std::ofstream(dir / "a/b/file") << std::string(1000, 'z');
    EXPECT_EQ(dir.bytes(), 1000u);
  }
  EXPECT_FALSE(fs::exists(where));
}

// What a process killed outright left goes when the next one makes scratch in the same folder;
// what a live owner holds, what is too new to be locked yet, and what is not ours stay.
TEST(ScratchDir, AbandonedScratchIsRemovedAndLiveScratchKept) {
  const ScratchDir parent("scratch-sweep-test");
  ScratchDir live("framebench-live", parent.path());  // the first in the folder: it sweeps now, finding nothing
  const auto an_hour_ago = fs::file_time_type::clock::now() - std::chrono::hours(1);
  // A scratch directory as a killed owner left it: named, marked (mode 01700) and filled.
  const auto make_old = [&](const std::string& name, fs::perms mode = fs::perms::owner_all | fs::perms::sticky_bit) {
    fs::create_directories(parent / name / "part");
    std::ofstream(parent / name / "part" / "chunk.mkv") << "left by a killed run";
    fs::permissions(parent / name, mode);
    fs::last_write_time(parent / name, an_hour_ago);
  };
  make_old("framebench-run-Abc123");        // abandoned: removed
  make_old(".framebench-report-Def456");    // abandoned staging: removed
  make_old("someone-else-Ghi789");          // not named like ours: kept
  make_old("framebench-report", fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);  // a user's folder: kept
  make_old("framebench-Pqr678", fs::perms::owner_all | fs::perms::group_read);  // named like ours, not marked: kept
  fs::create_directory(parent / "framebench-fresh-Jkl012");  // too new to be taken for abandoned: kept
  fs::permissions(parent / "framebench-fresh-Jkl012", fs::perms::owner_all | fs::perms::sticky_bit);
  fs::last_write_time(live.path(), an_hour_ago);  // old, but its owner holds the lock: kept

  EXPECT_EQ(remove_abandoned_scratch(parent.path()), 2);
  EXPECT_FALSE(fs::exists(parent / "framebench-run-Abc123"));
  EXPECT_FALSE(fs::exists(parent / ".framebench-report-Def456"));
  EXPECT_TRUE(fs::exists(parent / "someone-else-Ghi789"));
  EXPECT_TRUE(fs::exists(parent / "framebench-report"));
  EXPECT_TRUE(fs::exists(parent / "framebench-Pqr678"));
  EXPECT_TRUE(fs::exists(parent / "framebench-fresh-Jkl012"));
  EXPECT_TRUE(fs::exists(live.path()));
}

TEST(ScratchDir, TheFirstScratchInAFolderSweepsIt) {
  const ScratchDir parent("scratch-sweep-first-test");
  fs::create_directory(parent / "framebench-run-Mno345");
  fs::permissions(parent / "framebench-run-Mno345", fs::perms::owner_all | fs::perms::sticky_bit);
  fs::last_write_time(parent / "framebench-run-Mno345", fs::file_time_type::clock::now() - std::chrono::hours(1));
  const ScratchDir scratch("framebench", parent.path());
  EXPECT_FALSE(fs::exists(parent / "framebench-run-Mno345"));
}

// A device or a pipe is never replaced by the rename (it once replaced /dev/null, run as root).
TEST(AtomicFile, DevicesAndPipesAreRefused) {
  const ScratchDir dir("atomic-device-test");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  for (const fs::path& path : {dir / "fifo", fs::path("/dev/null"), fs::path("/dev/stdout")}) {
    try {
      AtomicFile file(path);
      ADD_FAILURE() << path << " accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("is a device, pipe or socket, not a file to write"), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(fs::is_fifo(dir / "fifo"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// The same refusals where the place took the file before are a fault: the folder changed meanwhile.
TEST(AtomicFile, APlaceCheckedBeforeThatRefusesNowIsAFault) {
  const ScratchDir dir("atomic-place-test");
  fs::create_directory(dir / "taken");
  const auto refusal = [](const fs::path& path, AtomicFile::Place place) -> std::string {
    try {
      AtomicFile file(path, place);
    } catch (const InputError&) {
      return "bad input";
    } catch (const Error&) {
      return "fault";
    }
    return "accepted";
  };
  for (const fs::path& path : {dir / "taken", dir / "gone" / "r.json"}) {
    EXPECT_EQ(refusal(path, AtomicFile::Place::unchecked), "bad input") << path;
    EXPECT_EQ(refusal(path, AtomicFile::Place::checked_before), "fault") << path;
  }
  EXPECT_EQ(refusal(dir / "r.json", AtomicFile::Place::checked_before), "accepted");
}

TEST(AtomicFile, NothingAppearsUntilCommit) {
  ScratchDir dir("atomic-test");
  const auto target = dir / "result.json";
  {
    AtomicFile file(target);
    std::ofstream(file.temp_path()) << "half";
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir.path()));
  {
    AtomicFile file(target);
    std::ofstream(file.temp_path()) << "whole";
    file.commit();
  }
  std::string text;
  std::ifstream(target) >> text;
  EXPECT_EQ(text, "whole");
}

// Any name a folder takes (255 bytes) can be written, also through a temporary of a temporary, as
// a writer inside `process`'s job makes (found 6 December 2026 by a fault sweep: names of 232 to
// 255 bytes were refused, "File name too long"); a long UTF-8 name is cut between characters.
TEST(AtomicFile, TheLongestNameAFolderTakesCanBeWrittenThroughTwoTemporaries) {
  ScratchDir dir("atomic-long-name");
  std::string accented;
  while (accented.size() + 2 + 2 + 4 <= 255) accented += "\xc3\xa9";  // é, then one more and .mp4
  const std::vector<std::string> names{std::string(251, 'a').append(".mkv"), accented.append("é.mp4")};
  for (const std::string& name : names) {
    ASSERT_LE(name.size(), 255u);
    const auto target = dir / name;
    {
      AtomicFile outer(target);
      {
        AtomicFile inner(outer.temp_path());
        EXPECT_LE(inner.temp_path().filename().string().size(), 255u);
        std::ofstream(inner.temp_path()) << "whole";
        inner.commit();
      }
      outer.commit();
    }
    EXPECT_TRUE(fs::is_regular_file(target)) << name.size();
    OutputLock lock(target);
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2) << "temporaries or locks left";
}

TEST(AtomicFile, TemporariesAreOursAloneAndUnpredictable) {
  ScratchDir dir("atomic-test");
  const auto target = dir / "result.json";
  // A link planted where a predictable temporary name would be must not be written through.
  const auto victim = dir / "victim.txt";
  std::ofstream(victim) << "keep";
  fs::create_symlink(victim, dir / fmt::format(".result.tmp-{}.json", ::getpid()));
  AtomicFile a(target), b(target);
  EXPECT_NE(a.temp_path(), b.temp_path());
  for (const auto* f : {&a, &b}) {
    EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(f->temp_path()))) << "made by us, not a link";
    EXPECT_EQ(f->temp_path().extension(), ".json");
    EXPECT_EQ(fs::status(f->temp_path()).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  }
  std::ofstream(a.temp_path()) << "new";
  a.commit();
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(static_cast<mode_t>(fs::status(target).permissions()), 0666 & ~mask) << "committed files get the usual permissions";
  std::string text;
  std::ifstream(victim) >> text;
  EXPECT_EQ(text, "keep");
}

// Found 6 December 2026 by a sweep of environments: a results file kept private (0600) became
// 0644 when a run replaced it; a name longer than the folder takes failed only at the rename,
// after the whole job.
TEST(AtomicFile, AReplacedFileKeepsItsPermissionsAndANameTooLongIsRefusedAtOnce) {
  ScratchDir dir("atomic-test");
  const auto target = dir / "private.json";
  std::ofstream(target) << "old";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  {
    AtomicFile file(target);
    file.write("new");
    file.commit();
  }
  EXPECT_EQ(fs::status(target).permissions(), fs::perms::owner_read | fs::perms::owner_write);
  const auto too_long = dir / (std::string(longest_name_in(dir.path()) - 4, 'a') + ".json");  // one byte too many
  try {
    AtomicFile refused(too_long);
    ADD_FAILURE() << "a name of " << too_long.filename().string().size() << " bytes was taken";
  } catch (const InputError& e) {
    const std::size_t most = longest_name_in(dir.path());
    EXPECT_NE(std::string(e.what()).find(fmt::format("its name is {} bytes, longer than the {} its folder's", most + 1, most)),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1) << "temporaries left";
}

}  // namespace
}  // namespace framebench
