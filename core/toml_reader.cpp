#include "core/toml_reader.hpp"

#include <fstream>
#include <sstream>

namespace framebench {

std::string read_text_file(const std::filesystem::path& file, std::string_view what) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))  // an ifstream opens one, and reads nothing
    throw InputError(fmt::format("{}: is a directory, not the {}", file.string(), what));
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw InputError(fmt::format("{}: cannot read the {} ({})", file.string(), what,
                                 std::filesystem::exists(file) ? "permission denied" : "no such file"));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

toml::table parse_toml(const std::string& text, const std::filesystem::path& file) {
  // Configs, sweeps and catalogs are written by hand, and a config's text is stored in every
  // result file: a huge one is a mistake, refused before parsing.
  if (text.size() > kMaxTomlBytes)
    throw InputError(fmt::format("{}: {} bytes, more than the {} KiB a TOML file framebench reads may have", file.string(),
                                 text.size(), kMaxTomlBytes / 1024));
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    throw InputError(fmt::format("{}:{}:{}: {}", file.string(), where.line, where.column, e.description()));
  }
}

}  // namespace framebench
