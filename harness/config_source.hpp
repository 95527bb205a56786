#pragma once
// What every settings file framebench runs (an experiment config, a kernel sweep) says of itself,
// and its results record: where it is, its name and description, its text as read and that
// text's hash (which --resume compares).
#include <filesystem>
#include <string>

namespace framebench::harness {

struct ConfigSource {
  std::filesystem::path path;
  std::string name;
  std::string description;
  std::string text;
  std::string hash;  // of `text`
};

// The source of a file read from `file` as `text`, its hash made.
ConfigSource config_source(const std::filesystem::path& file, std::string name, std::string description, std::string text);

}  // namespace framebench::harness
