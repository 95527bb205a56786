#include "media/avfilter_library.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"

namespace framebench::media {

namespace {

template <typename F>
void bind(const SharedLibrary& library, F& function, const char* name) {
  function = library.function<F>(name);
  if (function == nullptr) throw Error(fmt::format("libavfilter: {} has no {}", library.soname(), name));
}

AvfilterLibrary open_avfilter() {
  // The major version the headers were written for: the ABI the functions' types describe.
  static const SharedLibrary library(fmt::format("libavfilter.so.{}", LIBAVFILTER_VERSION_MAJOR));
  if (!library.loaded())
    throw Error(fmt::format("libavfilter: {} cannot be loaded ({}); making clips needs it (Debian: libavfilter{})",
                            library.soname(), library.error(), LIBAVFILTER_VERSION_MAJOR));
  AvfilterLibrary f;
  bind(library, f.version, "avfilter_version");
  bind(library, f.get_by_name, "avfilter_get_by_name");
  bind(library, f.graph_alloc, "avfilter_graph_alloc");
  bind(library, f.graph_free, "avfilter_graph_free");
  bind(library, f.graph_create_filter, "avfilter_graph_create_filter");
  bind(library, f.graph_parse_ptr, "avfilter_graph_parse_ptr");
  bind(library, f.graph_config, "avfilter_graph_config");
  bind(library, f.inout_alloc, "avfilter_inout_alloc");
  bind(library, f.inout_free, "avfilter_inout_free");
  bind(library, f.buffersink_get_frame, "av_buffersink_get_frame");
  bind(library, f.buffersink_get_type, "av_buffersink_get_type");
  bind(library, f.buffersink_get_w, "av_buffersink_get_w");
  bind(library, f.buffersink_get_h, "av_buffersink_get_h");
  bind(library, f.buffersink_get_frame_rate, "av_buffersink_get_frame_rate");
  return f;
}

}  // namespace

const AvfilterLibrary& avfilter() {
  static const AvfilterLibrary library = open_avfilter();
  return library;
}

}  // namespace framebench::media
