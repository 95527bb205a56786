#pragma once
// Helpers shared by the report tests: the hand-shaped result files in fixtures/ and small I/O.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace framebench::testing {

std::filesystem::path fixture(const std::string& name);
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, const std::string& text);
nlohmann::json read_json(const std::filesystem::path& path);
// Non-overlapping occurrences of `what` in `text`.
std::size_t count_of(const std::string& text, const std::string& what);

}  // namespace framebench::testing
