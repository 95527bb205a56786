#include "media/avfilter_library.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/shared_library.hpp"

namespace framebench::media {

namespace {

AvfilterLibrary open_avfilter() {
  // The major version the headers were written for: the ABI the functions' types describe.
  static const SharedLibrary library(fmt::format("libavfilter.so.{}", LIBAVFILTER_VERSION_MAJOR));
  if (!library.loaded())
    throw Error(fmt::format("libavfilter: {} cannot be loaded ({}); making clips needs it (Debian: libavfilter{})",
                            library.soname(), library.error(), LIBAVFILTER_VERSION_MAJOR));
  AvfilterLibrary f;
  library.bind(f.version, "avfilter_version");
  library.bind(f.get_by_name, "avfilter_get_by_name");
  library.bind(f.graph_alloc, "avfilter_graph_alloc");
  library.bind(f.graph_free, "avfilter_graph_free");
  library.bind(f.graph_create_filter, "avfilter_graph_create_filter");
  library.bind(f.graph_parse_ptr, "avfilter_graph_parse_ptr");
  library.bind(f.graph_config, "avfilter_graph_config");
  library.bind(f.inout_alloc, "avfilter_inout_alloc");
  library.bind(f.inout_free, "avfilter_inout_free");
  library.bind(f.buffersink_get_frame, "av_buffersink_get_frame");
  library.bind(f.buffersink_get_type, "av_buffersink_get_type");
  library.bind(f.buffersink_get_w, "av_buffersink_get_w");
  library.bind(f.buffersink_get_h, "av_buffersink_get_h");
  library.bind(f.buffersink_get_frame_rate, "av_buffersink_get_frame_rate");
  return f;
}

}  // namespace

const AvfilterLibrary& avfilter() {
  static const AvfilterLibrary library = open_avfilter();
  return library;
}

}  // namespace framebench::media
