#pragma once
// Where results and case outputs go.
#include <filesystem>
#include <string>
#include <utility>

#include "media/encoder.hpp"

namespace framebench::harness {

// results/<name>-<host>-<UTC timestamp>.json under the current directory, with -2, -3, ... where
// that name is taken (a file there, or its lock).
std::filesystem::path default_results_path(const std::string& name);
// Creates the parent directory; InputError naming it if that is impossible, or naming `file` where
// it is a folder ("out/", or one that exists). Returns the outermost folder it made (empty if the
// parent was there), for a caller that writes nothing to remove again.
std::filesystem::path prepare_output_directory(const std::filesystem::path& file);
// Removes the empty folders from `file`'s parent up to `made` (prepare_output_directory's answer).
void remove_made_directories(const std::filesystem::path& file, const std::filesystem::path& made);
// prepare_output_directory for a writer that may stop before anything is committed (Ctrl-C, a job
// that fails): the folders it made are removed again when it goes, where they are still empty.
class MadeDirectories {
 public:
  explicit MadeDirectories(std::filesystem::path file) : file_(std::move(file)), made_(prepare_output_directory(file_)) {}
  ~MadeDirectories() { remove_made_directories(file_, made_); }
  MadeDirectories(const MadeDirectories&) = delete;
  MadeDirectories& operator=(const MadeDirectories&) = delete;

 private:
  std::filesystem::path file_;
  std::filesystem::path made_;
};
// Says (a warning line) that `file`, which a run or kernels holds to write, was there before it:
// the new results replace it once they are first written (found 5 December 2026: an earlier
// run's results went without a word).
void warn_replacing(const std::filesystem::path& file);
// The container a case's output uses for an encoder (mp4 for H.264/H.265, avi for the talk's
// MPEG-4 part 2 and MJPEG, mkv otherwise), or the first that libavformat says holds its codec.
std::string output_extension(const media::EncoderSpec& encoder);

}  // namespace framebench::harness
