#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/input_file.hpp"
#include "core/output_lock.hpp"
#include "core/scratch_dir.hpp"
#include "core/subprocess.hpp"
#include "datasets/catalog.hpp"
#include "media/probe.hpp"
#include "media/video_reader.hpp"

namespace framebench::datasets {
namespace {
namespace fs = std::filesystem;

const Catalog& catalog() {
  static const Catalog c = Catalog::load(fs::path(FRAMEBENCH_SOURCE_DIR) / "datasets" / "catalog.toml");
  return c;
}

std::string digest_by_decoding(const fs::path& file) {
  media::VideoReader reader(file);
  std::vector<std::uint64_t> hashes;
  Frame frame;
  while (reader.read(frame)) hashes.push_back(hash_pixels(frame.view()));
  return digest_of(hashes);
}

TEST(datasets_generator, sha256_matches_sha256sum) {
  const ScratchDir dir("sha-test");
  std::ofstream(dir / "a.bin", std::ios::binary) << std::string(3'000'000, 'x') << "tail";
  const RunResult r = run_capture({"sha256sum", (dir / "a.bin").string()});
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(sha256_file(dir / "a.bin"), r.out.substr(0, 64));
  EXPECT_THROW(sha256_file(dir / "missing"), Error);
}

TEST(datasets_generator, tiny_is_deterministic_and_recorded) {
  const DatasetSpec& spec = *catalog().find("tiny");
  const ScratchDir a("dataset-a"), b("dataset-b");
  const DatasetRecord ra = make_dataset(spec, a.path());
  const DatasetRecord rb = make_dataset(spec, b.path());
  EXPECT_EQ(ra.sha256, rb.sha256);
  EXPECT_EQ(ra.frames_digest, rb.frames_digest);
  EXPECT_EQ(ra.path, a / "tiny.mp4");
  EXPECT_EQ(ra.name, "tiny");
  EXPECT_EQ(ra.frames, spec.frames);
  EXPECT_EQ(ra.sha256, sha256_file(ra.path));
  EXPECT_EQ(ra.frames_digest, digest_by_decoding(ra.path));
  EXPECT_TRUE(fs::exists(a / "tiny.json"));
  // Which of libx264's code made it: its AVX2 code where the CPU has AVX-512 (see datasets/generator.cpp).
  const auto manifest = nlohmann::json::parse(std::ifstream(a / "tiny.json"));
#if defined(__x86_64__)
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
#else
  const bool avx512 = false;
#endif
  EXPECT_EQ(manifest.at("generated_by").at("x264_asm"), avx512 ? "AVX2,Cache64" : "auto");

  const media::VideoInfo info = media::probe(ra.path);
  EXPECT_EQ(info.frame_count, spec.frames);
  EXPECT_EQ(info.width, spec.width);
  EXPECT_EQ(info.height, spec.height);
  EXPECT_EQ(info.frame_rate, spec.frame_rate);
  EXPECT_TRUE(info.has_b_frames);
  std::vector<std::int64_t> keyframes;
  for (int i = 0; i < spec.frames; i += spec.gop) keyframes.push_back(i);
  EXPECT_EQ(info.keyframes, keyframes);
}

TEST(datasets_generator, odd_sized_lossless_dataset) {
  const DatasetSpec& spec = *catalog().find("tiny-odd");
  const ScratchDir dir("dataset-odd");
  const DatasetRecord r = make_dataset(spec, dir.path());
  const media::VideoInfo info = media::probe(r.path);
  EXPECT_EQ(info.width, spec.width);
  EXPECT_EQ(info.height, spec.height);
  EXPECT_EQ(info.frame_count, spec.frames);
  EXPECT_EQ(r.frames_digest, digest_by_decoding(r.path));
}

TEST(datasets_generator, cached_file_is_reused_until_it_changes) {
  const DatasetSpec& spec = *catalog().find("tiny");
  const ScratchDir dir("dataset-cache");
  const DatasetRecord first = make_dataset(spec, dir.path());
  const auto written = fs::last_write_time(first.path);
  const DatasetRecord again = make_dataset(spec, dir.path());
  EXPECT_EQ(fs::last_write_time(again.path), written) << "a matching file is not generated again";
  EXPECT_EQ(again.frames_digest, first.frames_digest);
  EXPECT_EQ(again.frames, first.frames);

  {  // damage the file: the manifest no longer matches, so it is made afresh
    std::fstream f(first.path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('\x7f');
  }
  EXPECT_NE(sha256_file(first.path), first.sha256);
  const DatasetRecord remade = make_dataset(spec, dir.path());
  EXPECT_EQ(remade.sha256, first.sha256);
  EXPECT_EQ(sha256_file(remade.path), first.sha256);

  DatasetSpec changed = spec;  // a changed catalog entry is not served from the old file
  changed.frames = 24;
  const DatasetRecord shorter = make_dataset(changed, dir.path());
  EXPECT_EQ(shorter.frames, 24);
  EXPECT_NE(shorter.sha256, first.sha256);
  // Nothing but the clip and its manifest is left in the cache.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2);
}

// Two makers of one clip at once (two runs, or a run and `datasets make`): the second waits and
// takes the first's clip, the very file, where it had written its own over it (a new inode: a run
// that had stamped the first then failed every case as "changed during the run"; found 6 December
// 2026 by a sweep of concurrent use). The temporaries a maker killed outright left go too.
TEST(datasets_generator, a_second_maker_waits_and_takes_the_first_makers_clip) {
  const DatasetSpec& spec = *catalog().find("tiny");
  const ScratchDir made_before("dataset-cache");
  const DatasetRecord elsewhere = make_dataset(spec, made_before.path());
  const ScratchDir dir("dataset-cache");
  const fs::path clip = dir.path() / elsewhere.path.filename();
  std::ofstream(dir / ".tiny.tmp-AbC123.mp4") << "a killed maker's";
  std::ofstream(dir / ".tiny.tmp-AbC123.json") << "a killed maker's";
  std::optional<OutputLock> first_maker(std::in_place, clip);
  std::optional<DatasetRecord> second;
  std::thread second_maker([&] { second = make_dataset(spec, dir.path()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(fs::exists(clip)) << "the second maker did not wait";
  // The first maker commits its clip and manifest, then lets go.
  fs::copy_file(elsewhere.path, clip);
  fs::copy_file(made_before / "tiny.json", dir / "tiny.json");
  const auto inode = InputStamp::of(clip);
  first_maker.reset();
  second_maker.join();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->sha256, elsewhere.sha256);
  EXPECT_EQ(InputStamp::of(clip), inode) << "the clip was written again";
  EXPECT_FALSE(fs::exists(dir / ".tiny.tmp-AbC123.mp4"));
  EXPECT_FALSE(fs::exists(dir / ".tiny.tmp-AbC123.json"));
}

TEST(datasets_generator, a_manifest_it_did_not_write_is_stale_and_the_clip_made_again) {
  const DatasetSpec& spec = *catalog().find("tiny");
  const ScratchDir dir("dataset-manifest");
  const DatasetRecord first = make_dataset(spec, dir.path());
  const fs::path manifest = cached_manifest(spec, dir.path());
  const auto original = nlohmann::json::parse(std::ifstream(manifest));
  for (const auto& [key, value] : std::vector<std::pair<std::string, nlohmann::json>>{
           {"generated_by", "x"}, {"sha256", 5}, {"frames", "abc"}, {"frames", -7}, {"frames_digest", nlohmann::json::array({1})}}) {
    nlohmann::json changed = original;
    changed[key] = value;
    std::ofstream(manifest) << changed.dump();
    const DatasetRecord again = make_dataset(spec, dir.path());
    EXPECT_FALSE(again.from_cache) << key << " = " << value.dump();
    EXPECT_EQ(again.frames, first.frames) << key;
    EXPECT_EQ(again.frames_digest, first.frames_digest) << key;
  }
}

// Found 5 December 2026 by a hostile-input sweep: "filter graph 'scale=...': Option not found",
// naming neither the dataset nor its key.
TEST(datasets_generator, a_filter_that_is_no_source_is_named_as_the_entrys_source) {
  DatasetSpec spec = *catalog().find("tiny");
  spec.source = "scale";
  const ScratchDir dir("dataset-bad");
  try {
    make_dataset(spec, dir.path());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    const std::string said = e.what();
    EXPECT_TRUE(said.starts_with(spec.source_at + ": dataset 'tiny': 'source' \"scale\" is not a libavfilter video source")) << said;
    EXPECT_TRUE(spec.source_at.find("catalog.toml:") != std::string::npos) << spec.source_at;
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

// Only making the clip finds a source libavfilter lacks: its complaint points at the catalog's
// line (found 6 December 2026: it named neither the file nor the line).
TEST(datasets_generator, a_source_libavfilter_lacks_is_pointed_at_in_the_catalog) {
  const ScratchDir dir("dataset-unknown-source");
  std::ofstream(dir / "c.toml") << "[clip]\nsource = \"nosuchsource\"\nwidth = 64\nheight = 48\nrate = 25\nframes = 5\n"
                                << "gop = 5\nencoder = \"ffv1\"\ncontainer = \"mkv\"\n";
  const Catalog catalog = Catalog::load(dir / "c.toml");
  try {
    make_dataset(*catalog.find("clip"), dir / "cache");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with((dir / "c.toml").string() + ":2:10: dataset 'clip': 'source' \"nosuchsource\""))
        << e.what();
  }
  EXPECT_TRUE(fs::is_empty(dir / "cache"));
}

TEST(datasets_generator, source_that_cannot_render_the_size_is_an_input_error) {
  DatasetSpec spec = *catalog().find("tiny");
  spec.width = 175;  // testsrc2 rounds to 174
  const ScratchDir dir("dataset-bad");
  try {
    make_dataset(spec, dir.path());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("174x144"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(datasets_resolve, catalog_name_makes_the_clip) {
  const ScratchDir dir("resolve-test");
  const DatasetRecord r = resolve_dataset("tiny", catalog(), dir.path());
  EXPECT_EQ(r.path, dir / "tiny.mp4");
  EXPECT_EQ(r.frames, 48);
}

TEST(datasets_resolve, path_to_a_video_is_recorded_with_its_hash) {
  const ScratchDir cache("resolve-test"), files("resolve-files");
  const DatasetRecord made = make_dataset(*catalog().find("tiny-odd"), files.path());
  const DatasetRecord r = resolve_dataset(made.path.string(), catalog(), cache.path());
  EXPECT_EQ(r.path, made.path);
  EXPECT_EQ(r.sha256, made.sha256);
  EXPECT_EQ(r.frames, made.frames);
  EXPECT_TRUE(r.frames_digest.empty());
  EXPECT_TRUE(fs::is_empty(cache.path()));
}

TEST(datasets_resolve, junk_is_an_input_error) {
  const ScratchDir dir("resolve-test");
  try {
    resolve_dataset("no-such-clip", catalog(), dir.path());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'no-such-clip'"), std::string::npos) << what;
    EXPECT_NE(what.find("not in the catalog"), std::string::npos) << what;
    EXPECT_NE(what.find("testsrc2-720p"), std::string::npos) << "lists the known names: " << what;
  }
  std::ofstream(dir / "notes.txt") << "not a video at all, just some words\n";
  EXPECT_THROW(resolve_dataset((dir / "notes.txt").string(), catalog(), dir.path()), InputError);
  // A relative path is the working directory's; one found only beside the config is pointed at.
  try {
    resolve_dataset("notes.txt", catalog(), dir.path(), dir.path());
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "dataset 'notes.txt': no such file in the working directory, which relative paths in a config are read "
                                     "from; the config's folder has one: write '" + (dir / "notes.txt").string() + "'");
  }
}

}  // namespace
}  // namespace framebench::datasets
