#include "harness/config_source.hpp"

#include <xxhash.h>

#include <fmt/format.h>

namespace framebench::harness {

ConfigSource config_source(const std::filesystem::path& file, std::string name, std::string description, std::string text,
                           const std::string& settings) {
  const auto hash = fmt::format("{:016x}", XXH3_64bits(settings.data(), settings.size()));
  return {.path = file, .name = std::move(name), .description = std::move(description), .text = std::move(text), .hash = hash};
}

}  // namespace framebench::harness
