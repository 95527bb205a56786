#pragma once
// Named, reproducible synthetic clips (datasets/catalog.toml), generated from libavfilter's own
// sources, cached on disk with a manifest of their hashes. Anything FFmpeg reads is accepted
// wherever a dataset name is.
#include <filesystem>
#include <string>
#include <vector>

#include "core/distinct_files.hpp"

#include "media/rational.hpp"

namespace framebench::datasets {

struct DatasetSpec {
  std::string name;         // e.g. "testsrc2-720p"
  std::string description;
  std::string source;       // libavfilter source, e.g. "testsrc2" or "mandelbrot"
  // Where the catalog names the source ("FILE:LINE:COLUMN"): only making the clip finds a source
  // libavfilter lacks, and its complaint points here (empty for a spec made in code).
  std::string source_at;
  int width = 0;
  int height = 0;
  media::Rational frame_rate{30, 1};
  int frames = 0;
  int gop = 0;              // keyframe interval in frames
  std::string encoder;      // media::encoder() name, e.g. "x264-medium"
  std::string container;    // file extension: "mp4", "mkv", ...
};

// What `datasets make` recorded about a generated file.
struct DatasetRecord {
  std::string name;
  std::filesystem::path path;
  std::string sha256;        // of the file's bytes
  std::string frames_digest; // digest_of(hash_pixels of every decoded BGR24 frame, in order)
  std::int64_t frames = 0;
  bool from_cache = false;   // found in the cache and checked against its manifest, not made now
};

class Catalog {
 public:
  // Loads a catalog file; throws InputError naming the file and key on errors.
  static Catalog load(const std::filesystem::path& file);
  // The catalog shipped with framebench: $FRAMEBENCH_CATALOG, else next to the executable
  // (bundles), else the source tree's datasets/catalog.toml.
  static Catalog load_default();

  const std::vector<DatasetSpec>& datasets() const { return datasets_; }
  const DatasetSpec* find(const std::string& name) const;
  // The file it was read from.
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::vector<DatasetSpec> datasets_;
};

// Where generated clips live: $FRAMEBENCH_CACHE_DIR, else $XDG_CACHE_HOME/framebench/datasets,
// else ~/.cache/framebench/datasets.
std::filesystem::path default_cache_dir();

// The clip of a catalog entry in `cache_dir`, and the manifest that records it.
std::filesystem::path cached_clip(const DatasetSpec& spec, const std::filesystem::path& cache_dir);
std::filesystem::path cached_manifest(const DatasetSpec& spec, const std::filesystem::path& cache_dir);
// Whether the clip is in `cache_dir` with a manifest that describes it as `make_dataset` would make
// it now (the clip's bytes are not hashed, so that `list` stays quick; make and run also check them).
bool made_in_cache(const DatasetSpec& spec, const std::filesystem::path& cache_dir);

// Generates the clip (atomically) unless the cached file matches the manifest; returns its record.
DatasetRecord make_dataset(const DatasetSpec& spec, const std::filesystem::path& cache_dir);

// Empty when `name_or_path` names a catalog entry or an existing file; otherwise why not, in one
// line (pointing at `config_dir` where the path is there instead). Nothing is generated or read.
std::string unknown_dataset_problem(const std::string& name_or_path, const Catalog& catalog,
                                    const std::filesystem::path& config_dir = {});

// A dataset name (generated on demand) or a path to an existing file, read from the working
// directory, as every path on the command line is. Throws InputError if it is neither, pointing
// at `config_dir` (the folder of the config that names it) when the path is there instead.
// For plain files, sha256 is filled and frames_digest left empty.
DatasetRecord resolve_dataset(const std::string& name_or_path, const Catalog& catalog,
                              const std::filesystem::path& cache_dir, const std::filesystem::path& config_dir = {});

// The files resolve_dataset reads for `name_or_path`, found in its order, each with what it is
// to the run ("the cached clip of dataset 'x'"): a catalog entry's cached clip and manifest,
// else the file itself; none when it names neither. Outputs are checked against them.
std::vector<NamedFile> files_read_for(const std::string& name_or_path, const Catalog& catalog, const std::filesystem::path& cache_dir);

std::string sha256_file(const std::filesystem::path& file);

}  // namespace framebench::datasets
