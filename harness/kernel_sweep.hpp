#pragma once
// What `framebench kernels` runs, as text: frame sizes ("WxH") and sweep files
// (configs/kernels.toml), checked name by name so that a typo fails before anything runs.
#include <filesystem>
#include <string>
#include <vector>

#include "harness/config_source.hpp"

namespace framebench::harness {

struct FrameSize {
  int width = 0;
  int height = 0;
};

// "WxH" with both from 1 to kMaxFrameSide (16384); InputError naming the text otherwise.
FrameSize parse_frame_size(const std::string& text);

// A sweep file (configs/kernels.toml): name, description and [sweep] impl, kernel, size and
// optionally threads and pixel_format.
// The file's header (path, name, description, text, hash) is its ConfigSource.
struct KernelSweep : ConfigSource {
  std::vector<std::string> impl;
  std::vector<std::string> kernel;
  std::vector<std::string> size;
  int threads = 1;
  std::vector<std::string> pixel_format;  // empty: BGR24 only
};

// Throws InputError "<file>: <key>: <what is wrong>" for unknown keys (with the closest valid
// one), wrong types, missing keys and TOML syntax errors.
KernelSweep load_kernel_sweep(const std::filesystem::path& file);
KernelSweep parse_kernel_sweep(std::string text, const std::filesystem::path& file_for_messages);

}  // namespace framebench::harness
