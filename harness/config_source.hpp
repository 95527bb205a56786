#pragma once
// What every settings file framebench runs (an experiment config, a kernel sweep) says of itself,
// and its results record: where it is, its name and description, its text as read and that
// settings' hash (which --resume compares).
#include <filesystem>
#include <string>

namespace framebench::harness {

struct ConfigSource {
  std::filesystem::path path;
  std::string name;
  std::string description;
  std::string text;
  std::string hash;  // of the settings `text` holds (core/toml_reader.hpp's canonical_text): a comment changes `text`, not this
};

// The source of a file read from `file` as `text`, whose settings, in canonical form, are `settings`.
ConfigSource config_source(const std::filesystem::path& file, std::string name, std::string description, std::string text,
                           const std::string& settings);

}  // namespace framebench::harness
