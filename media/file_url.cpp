#include "media/file_url.hpp"

namespace framebench::media {

std::string file_url(const std::filesystem::path& path) { return "file:" + path.string(); }

}  // namespace framebench::media
