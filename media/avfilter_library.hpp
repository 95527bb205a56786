#pragma once
// libavfilter, opened at run time when the first clip is made, not linked: only the dataset
// generator (lavfi_source.cpp) uses it, and Debian's build pulls in some 25 libraries (speech
// synthesis voices, Vulkan, LV2 hosts) with half of all the relocations the loader did, which every
// command paid on each start (docs/PERFORMANCE.md §8). The functions keep libavfilter's own types.
#include <cstdint>  // before libavutil, which wants UINT64_C defined in C++

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
}

namespace framebench::media {

struct AvfilterLibrary {
  decltype(&::avfilter_version) version = nullptr;
  decltype(&::avfilter_get_by_name) get_by_name = nullptr;
  decltype(&::avfilter_graph_alloc) graph_alloc = nullptr;
  decltype(&::avfilter_graph_free) graph_free = nullptr;
  decltype(&::avfilter_graph_create_filter) graph_create_filter = nullptr;
  decltype(&::avfilter_graph_parse_ptr) graph_parse_ptr = nullptr;
  decltype(&::avfilter_graph_config) graph_config = nullptr;
  decltype(&::avfilter_inout_alloc) inout_alloc = nullptr;
  decltype(&::avfilter_inout_free) inout_free = nullptr;
  decltype(&::av_buffersink_get_frame) buffersink_get_frame = nullptr;
  decltype(&::av_buffersink_get_type) buffersink_get_type = nullptr;
  decltype(&::av_buffersink_get_w) buffersink_get_w = nullptr;
  decltype(&::av_buffersink_get_h) buffersink_get_h = nullptr;
  decltype(&::av_buffersink_get_frame_rate) buffersink_get_frame_rate = nullptr;
};

// libavfilter.so.<LIBAVFILTER_VERSION_MAJOR>, opened once and kept open; throws Error naming the
// library and the loader's words when it cannot be opened or lacks a function.
const AvfilterLibrary& avfilter();

}  // namespace framebench::media
