#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/closest.hpp"
#include "core/error.hpp"
#include "core/frame_hash.hpp"
#include "core/input_file.hpp"
#include "core/interrupt.hpp"
#include "core/output_lock.hpp"
#include "core/scratch_dir.hpp"
#include "core/users_path.hpp"
#include "core/status_line.hpp"
#include "core/stopwatch.hpp"
#include "datasets/catalog.hpp"
#include "framebench/version.hpp"
#include "media/lavfi_source.hpp"
#include "media/probe.hpp"
#include "media/versions.hpp"
#include "media/video_reader.hpp"
#include "media/video_writer.hpp"

namespace framebench::datasets {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json spec_json(const DatasetSpec& spec) {
  return {{"name", spec.name},
          {"source", spec.source},
          {"width", spec.width},
          {"height", spec.height},
          {"rate", fmt::format("{}/{}", spec.frame_rate.num, spec.frame_rate.den)},
          {"frames", spec.frames},
          {"gop", spec.gop},
          {"encoder", spec.encoder},
          {"container", spec.container}};
}

// libx264's AVX-512 code makes its output depend on what the heap held before: measured 5 December
// 2026, a second `tiny` made in one process came out different from the first (19 of 48 frames;
// the right-edge macroblocks first), and with x264's AVX2 code it does not. Its floating-point code
// (mb-tree) differs between instruction sets in any case (AVX2 against none: all 48 frames), so on
// a CPU with AVX-512 clips are made with the AVX2 code, as on any AVX2 machine; empty elsewhere.
std::string x264_asm_override(const media::EncoderSpec& encoder) {
#if defined(__x86_64__)
  if (!encoder.codec.starts_with("libx264")) return {};
  __builtin_cpu_init();
  // What libx264 asks of a CPU before it takes its AVX-512 code.
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  return avx512 ? "AVX2,Cache64" : "";
#else
  (void)encoder;
  return {};
#endif
}

// What a manifest records of it: the flags, or "auto" (x264's own choice).
std::string x264_asm_recorded(const DatasetSpec& spec) {
  const auto asm_flags = x264_asm_override(media::encoder(spec.encoder));
  return asm_flags.empty() ? "auto" : asm_flags;
}

media::EncoderSpec generation_encoder(const DatasetSpec& spec) {
  media::EncoderSpec encoder = media::encoder(spec.encoder);
  if (const auto asm_flags = x264_asm_override(encoder); !asm_flags.empty()) encoder.options.emplace_back("x264-params", "asm=" + asm_flags);
  return encoder;
}

std::string source_graph(const DatasetSpec& spec) {
  return fmt::format("{}=size={}x{}:rate={}/{}", spec.source, spec.width, spec.height, spec.frame_rate.num,
                     spec.frame_rate.den);
}

// "FILE:LINE:COLUMN: " of the catalog's 'source' key, where the spec came from a catalog.
std::string where_in_catalog(const DatasetSpec& spec) { return spec.source_at.empty() ? "" : spec.source_at + ": "; }

// A source libavfilter cannot render at a size and rate (a filter that is no source, a name it
// does not know) is the catalog entry's fault, said as such (found 5 December 2026 by a
// hostile-input sweep: "filter graph 'scale=size=64x64:rate=30/1': Option not found").
media::LavfiSource open_source(const DatasetSpec& spec) {
  try {
    return media::LavfiSource(source_graph(spec));
  } catch (const InputError& e) {
    throw InputError(fmt::format("{}dataset '{}': 'source' \"{}\" is not a libavfilter video source that takes a size and a rate "
                                 "(such as testsrc2, testsrc or mandelbrot): {}", where_in_catalog(spec), spec.name, spec.source, e.what()));
  }
}

// The manifest's record, if it describes this spec as a clip is made now and the clip is there;
// the clip's bytes are not read. A manifest we did not write (a field of another type, a frame
// count not the spec's) is stale: the clip is made again (found 5 December 2026 by a hostile-input
// sweep: `"generated_by": "x"` ended `datasets make` and `run` with nlohmann's type_error, and
// `"frames": -7` was printed).
std::optional<DatasetRecord> manifest_record(const DatasetSpec& spec, const fs::path& file, const fs::path& manifest) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || !fs::is_regular_file(manifest, ec)) return std::nullopt;
  const json m = json::parse(std::ifstream(manifest), nullptr, /*allow_exceptions=*/false);
  if (m.is_discarded() || !m.is_object() || m.value("spec", json()) != spec_json(spec)) return std::nullopt;
  try {
    // Made by other x264 code than a clip is made with now (before 5 December 2026, by its AVX-512
    // code on such CPUs): made again, so that the bytes are the ones the catalog promises.
    if (m.value("generated_by", json::object()).value("x264_asm", std::string("auto")) != x264_asm_recorded(spec)) return std::nullopt;
    const std::string sha = m.value("sha256", "");
    if (sha.empty()) return std::nullopt;
    const auto frames = m.value("frames", std::int64_t{-1});
    if (frames != spec.frames) return std::nullopt;
    return DatasetRecord{spec.name, file, sha, m.value("frames_digest", ""), frames, /*from_cache=*/true};
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// The manifest's record, if it describes this spec and the file's bytes are still the ones hashed.
std::optional<DatasetRecord> cached(const DatasetSpec& spec, const fs::path& file, const fs::path& manifest) {
  auto record = manifest_record(spec, file, manifest);
  if (!record || record->sha256 != sha256_file(file)) return std::nullopt;
  return record;
}

void write_manifest(const fs::path& manifest, const DatasetSpec& spec, const DatasetRecord& record) {
  const json m = {{"name", record.name},
                  {"file", record.path.filename().string()},
                  {"sha256", record.sha256},
                  {"frames_digest", record.frames_digest},
                  {"frames", record.frames},
                  {"spec", spec_json(spec)},
                  {"generated_by",
                   {{"framebench", kVersion},
                    {"libav", media::libav_versions()},
                    {"libavfilter", media::libavfilter_version()},
                    {"x264", media::x264_version()},
                    {"x264_asm", x264_asm_recorded(spec)}}}};
  AtomicFile file(manifest);
  file.write(m.dump(2) + '\n');
  file.commit();
}

// Generating a large clip takes a while (14 s for testsrc2-1080p here, far longer at 2160p): say so
// as it goes. The time left weighs encoding as three quarters of the work and the check's decode as
// the rest, since decoding is the cheaper of the two.
class GenerationProgress {
 public:
  explicit GenerationProgress(const DatasetSpec& spec) : spec_(spec) {}
  void frame(const char* step, int done, double share_before, double share) {
    const double fraction = share_before + share * done / std::max(1, spec_.frames);
    const double elapsed = watch_.seconds();
    const std::string left = fraction > 0.02 ? fmt::format(", {} left", human_duration(elapsed / fraction - elapsed)) : "";
    StatusLine::standard_error().update(fmt::format("dataset {}: {}", spec_.name, step),
                                        fmt::format("frame {}/{} ({}x{}){}", done, spec_.frames, spec_.width, spec_.height, left));
  }
  void done(const fs::path& file) {
    StatusLine::standard_error().clear();
    StatusLine::standard_error().print(fmt::format("dataset {}: generated in {:.1f} s: {}", spec_.name, watch_.seconds(), file.string()));
  }

 private:
  const DatasetSpec& spec_;
  Stopwatch watch_;
};

}  // namespace

namespace {

// Where default_cache_dir's folder comes from, for messages.
// The cache folder and the setting it comes from, for messages.
struct CacheDir {
  fs::path path;
  const char* origin;
};

CacheDir find_cache_dir() {
  if (const char* dir = std::getenv("FRAMEBENCH_CACHE_DIR"); dir && *dir) return {dir, "$FRAMEBENCH_CACHE_DIR"};
  // A relative XDG_CACHE_HOME is to be ignored (the XDG base directory specification): it named a
  // folder under whatever the working directory was (found 6 December 2026 by a sweep of environments).
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && fs::path(xdg).is_absolute())
    return {fs::path(xdg) / "framebench" / "datasets", "$XDG_CACHE_HOME"};
  if (const char* home = std::getenv("HOME"); home && *home) return {fs::path(home) / ".cache" / "framebench" / "datasets", "$HOME"};
  // Not temp_directory_path(), which throws on a TMPDIR that is a file. One folder per user, and
  // only one the user owns: a shared /tmp handed one user the clips another put there (found
  // 6 December 2026 by a sweep of environments).
  // Made here, private, before its owner is looked at: made by another user in between a look and
  // a later make, it would be taken (a review's find).
  const auto shared = temp_folder() / fmt::format("framebench-datasets-{}", ::geteuid());
  ::mkdir(shared.c_str(), 0700);  // where it cannot be made, the cache's own make says why, naming the setting
  if (struct stat st {}; ::lstat(shared.c_str(), &st) == 0 && (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()))
    throw InputError(fmt::format("{}: the dataset cache (HOME is not set) is not a folder of this user's; set HOME or "
                                 "FRAMEBENCH_CACHE_DIR",
                                 shared.string()));
  return {shared, "the temporary folder ($TMPDIR, or /tmp)"};
}

}  // namespace

fs::path default_cache_dir() { return find_cache_dir().path; }

std::string sha256_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(fmt::format("{}: cannot read", file.string()));
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("OpenSSL: cannot start SHA-256");
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount())) != 1)
      throw Error("OpenSSL: SHA-256 update failed");
  }
  if (in.bad()) throw Error(fmt::format("{}: read error", file.string()));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) throw Error("OpenSSL: SHA-256 final failed");
  std::string hex;
  for (unsigned i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

fs::path cached_clip(const DatasetSpec& spec, const fs::path& cache_dir) { return cache_dir / fmt::format("{}.{}", spec.name, spec.container); }

fs::path cached_manifest(const DatasetSpec& spec, const fs::path& cache_dir) { return cache_dir / fmt::format("{}.json", spec.name); }

bool made_in_cache(const DatasetSpec& spec, const fs::path& cache_dir) {
  return manifest_record(spec, cached_clip(spec, cache_dir), cached_manifest(spec, cache_dir)).has_value();
}

DatasetRecord make_dataset(const DatasetSpec& spec, const fs::path& cache_dir) {
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  if (ec) {
    // A cache placed where no folder can be is the environment's doing, said as such (found
    // 5 December 2026 by a hostile-input sweep: exit 1, naming no variable).
    std::string message = fmt::format("{}: cannot create the dataset cache: {}", cache_dir.string(), ec.message());
    if (const CacheDir found = find_cache_dir(); cache_dir == found.path)
      message += found.origin == std::string_view("$FRAMEBENCH_CACHE_DIR")
                     ? std::string(" (set by $FRAMEBENCH_CACHE_DIR)")
                     : fmt::format(" (the folder comes from {}; FRAMEBENCH_CACHE_DIR sets another)", found.origin);
    if (is_bad_place(ec.value())) throw InputError(message);
    throw Error(message);
  }
  const fs::path file = cached_clip(spec, cache_dir);
  const fs::path manifest = cached_manifest(spec, cache_dir);
  if (auto record = cached(spec, file, manifest)) return *record;
  // One maker of a clip at a time; another waits and takes the clip it made. Two made it alike and
  // the second rename gave the file a new inode, so a `run` that had stamped the first failed every
  // case ("changed during the run"; found 6 December 2026 by a sweep of concurrent use).
  const OutputLock lock(AtomicFile::writable(file), [&] {
    StatusLine::standard_error().print(fmt::format("dataset {}: another framebench is making it; waiting for it", spec.name));
  });
  // The lock removed the clip's temporaries a maker killed outright left (a clip's size each); its manifest's too.
  AtomicFile::remove_leftovers(manifest);
  if (auto record = cached(spec, file, manifest)) return *record;
  // Said before the clip is made, not after it is committed without one (found 5 December 2026 by
  // a hostile-input sweep).
  if (fs::exists(fs::symlink_status(manifest, ec)) && !fs::is_regular_file(manifest, ec))
    throw InputError(fmt::format("{}: the manifest of dataset '{}' is there but not a file; remove it", manifest.string(), spec.name));

  // Encoded with one thread, x264's AVX2 code and fixed keyframes: the same bytes on every AVX2
  // machine with these library versions, and keyframe positions that segment strategies can rely on.
  AtomicFile output(file);
  GenerationProgress progress(spec);
  DatasetRecord record{spec.name, file, {}, {}, 0};
  // Messages name the clip, not its temporary, which is gone by the time they are read (found
  // 6 December 2026 by a hostile-input sweep: a full disk named ".tiny.tmp-LhGMbg.mp4").
  try {
    {
      media::LavfiSource source = open_source(spec);
      if (source.width() != spec.width || source.height() != spec.height)
        throw InputError(fmt::format("{}dataset '{}': source '{}' renders {}x{}, not {}x{} (testsrc2 needs even sizes; testsrc "
                                     "and mandelbrot take any)",
                                     where_in_catalog(spec), spec.name, spec.source, source.width(), source.height(), spec.width,
                                     spec.height));
      media::VideoWriter writer(output.temp_path(), generation_encoder(spec),
                                {.width = spec.width, .height = spec.height, .frame_rate = spec.frame_rate, .threads = 1,
                                 .gop_size = spec.gop});
      Frame frame;
      for (int i = 0; i < spec.frames; ++i) {
        throw_if_interrupted();  // Ctrl-C: the temporary file goes with `output`
        if (!source.read(frame)) throw Error(fmt::format("dataset '{}': source ended after {} frames", spec.name, i));
        writer.write(frame.view());
        progress.frame("encoding", i + 1, 0, 0.75);
      }
      writer.finish();
    }

    // What a reader of the file sees: the frame count and the digest of every decoded frame.
    {
      media::VideoReader reader(output.temp_path(), {.threads = 1});
      std::vector<std::uint64_t> hashes;
      Frame frame;
      while (reader.read(frame)) {
        throw_if_interrupted();
        hashes.push_back(hash_pixels(frame.view()));
        progress.frame("checking (decoding what was written)", static_cast<int>(hashes.size()), 0.75, 0.25);
      }
      if (static_cast<int>(hashes.size()) != spec.frames)
        throw Error(fmt::format("dataset '{}': wrote {} frames but decoded {}", spec.name, spec.frames, hashes.size()));
      record.frames = static_cast<std::int64_t>(hashes.size());
      record.frames_digest = digest_of(hashes);
    }
    record.sha256 = sha256_file(output.temp_path());
  } catch (const Error&) {
    rethrow_naming_users_path(output.temp_path(), file);
  }
  // The manifest first: where it cannot be written (a full disk), the clip's temporary goes with
  // `output` and the cache is as it was; committed first, the clip stayed without a manifest and
  // `list datasets` called it made (found 6 December 2026 by a hostile-input sweep). A manifest
  // whose clip did not follow names bytes the file does not have, and `cached` makes it again.
  write_manifest(manifest, spec, record);
  output.commit();
  progress.done(file);
  return record;
}

std::vector<NamedFile> files_read_for(const std::string& name_or_path, const Catalog& catalog, const fs::path& cache_dir) {
  if (const DatasetSpec* spec = catalog.find(name_or_path))
    return {{cached_clip(*spec, cache_dir), fmt::format("the cached clip of dataset '{}'", name_or_path)},
            {cached_manifest(*spec, cache_dir), fmt::format("the manifest of dataset '{}'", name_or_path)}};
  std::error_code ec;
  if (fs::exists(name_or_path, ec)) return {{name_or_path, "a dataset of the config"}};
  return {};
}

std::string unknown_dataset_problem(const std::string& name_or_path, const Catalog& catalog, const fs::path& config_dir) {
  if (catalog.find(name_or_path)) return {};
  const fs::path path(name_or_path);
  std::error_code ec;
  if (fs::exists(path, ec) || fs::is_symlink(path, ec)) return {};
  // A relative path is the working directory's, like the command line's; a user who meant the
  // config's folder is told so.
  if (path.is_relative() && !config_dir.empty() && fs::is_regular_file(config_dir / path, ec)) {
    const auto there = fs::absolute(config_dir / path, ec).lexically_normal().string();
    return fmt::format("dataset '{}': no such file in the working directory, which relative paths in a config are read from; "
                       "the config's folder has one: write '{}'",
                       name_or_path, there);
  }
  std::vector<std::string> known;
  for (const auto& d : catalog.datasets()) known.push_back(d.name);
  return unknown_name_message("dataset", name_or_path, known) + " (not in the catalog, and no such file)";
}

DatasetRecord resolve_dataset(const std::string& name_or_path, const Catalog& catalog, const fs::path& cache_dir,
                              const fs::path& config_dir) {
  if (const auto problem = unknown_dataset_problem(name_or_path, catalog, config_dir); !problem.empty()) throw InputError(problem);
  if (const DatasetSpec* spec = catalog.find(name_or_path)) return make_dataset(*spec, cache_dir);
  const fs::path path(name_or_path);
  check_input_file(path);
  const fs::path shareable = shareable_input_path(path);
  const media::VideoInfo info = media::probe(shareable);  // InputError if it is no video
  return DatasetRecord{name_or_path, shareable, sha256_file(shareable), {}, info.frame_count};
}

}  // namespace framebench::datasets
