#include "core/pixel_path.hpp"

#include "core/closest.hpp"
#include "core/error.hpp"

namespace framebench {

std::string_view to_string(PixelPath path) { return path == PixelPath::native ? "native" : "bgr24"; }

std::vector<std::string> pixel_path_names() { return {"bgr24", "native"}; }

PixelPath parse_pixel_path(std::string_view name) {
  if (name == "bgr24") return PixelPath::bgr24;
  if (name == "native") return PixelPath::native;
  throw InputError(unknown_name_message("pixel format", name, pixel_path_names()));
}

}  // namespace framebench
