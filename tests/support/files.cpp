#include "tests/support/files.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

namespace framebench::testing {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> filled_lines(const std::string& text) {
  std::vector<std::string> out = lines(text);
  std::erase(out, std::string());
  return out;
}

std::size_t files_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()));
}

}  // namespace framebench::testing
