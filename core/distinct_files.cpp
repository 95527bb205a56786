#include "core/distinct_files.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench {

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  const auto ca = fs::weakly_canonical(fs::absolute(a, ec), ec);
  if (ec) return false;
  const auto cb = fs::weakly_canonical(fs::absolute(b, ec), ec);
  return !ec && ca == cb;
}

}  // namespace

void check_distinct_files(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedFile& out = outputs[i];
    if (out.path.empty()) continue;
    const auto clash = [&](const NamedFile& other) {
      if (!other.path.empty() && same_file(out.path, other.path))
        throw InputError(fmt::format("{}: {} would overwrite {} ({})", out.path.string(), out.role, other.role, other.path.string()));
    };
    for (const NamedFile& in : inputs) clash(in);
    for (std::size_t j = 0; j < i; ++j) clash(outputs[j]);
  }
}

}  // namespace framebench
