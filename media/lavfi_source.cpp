#include "media/lavfi_source.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "media/av_error.hpp"
#include "media/avfilter_library.hpp"
#include "media/convert.hpp"
#include "media/libav.hpp"
#include "media/versions.hpp"

namespace framebench::media {

std::string libavfilter_version() { return version_text(avfilter().version()); }

struct LavfiSource::Impl {
  // Members of Impl, not of an anonymous namespace: Impl's own linkage is external, and a unity
  // build (where this file is not the one compiled) warns of a member whose type has none.
  struct FilterGraphDeleter {
    void operator()(AVFilterGraph* g) const { avfilter().graph_free(&g); }
  };
  struct FilterInOutDeleter {
    void operator()(AVFilterInOut* io) const { avfilter().inout_free(&io); }
  };
  using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;
  using FilterInOutPtr = std::unique_ptr<AVFilterInOut, FilterInOutDeleter>;

  const AvfilterLibrary& lavfi = avfilter();
  std::string description;
  FilterGraphPtr graph{lavfi.graph_alloc()};
  AVFilterContext* sink = nullptr;
  FramePtr frame = make_frame();
  ToBgr to_bgr;

  explicit Impl(std::string desc) : description(std::move(desc)) {
    init_libav_logging();
    if (!graph) throw std::bad_alloc();
    graph->nb_threads = 1;  // generation must not depend on the machine
    check_av(lavfi.graph_create_filter(&sink, lavfi.get_by_name("buffersink"), "out", nullptr, nullptr, graph.get()),
             "buffersink");
    // The sink takes whatever the source renders best (testsrc2: yuv420p, mandelbrot: bgr0) and
    // ToBgr converts it, as `ffmpeg -f lavfi -i GRAPH -pix_fmt bgr24` does: same frames as the CLI.

    FilterInOutPtr inputs(lavfi.inout_alloc());
    if (!inputs) throw std::bad_alloc();
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink;
    inputs->pad_idx = 0;
    inputs->next = nullptr;
    AVFilterInOut* in_raw = inputs.release();
    AVFilterInOut* out_raw = nullptr;
    const int rc = lavfi.graph_parse_ptr(graph.get(), description.c_str(), &in_raw, &out_raw, nullptr);
    inputs.reset(in_raw);
    const FilterInOutPtr outputs(out_raw);
    if (rc < 0) throw InputError(fmt::format("filter graph '{}': {}", description, av_error_text(rc)));
    if (inputs || outputs)
      throw InputError(fmt::format("filter graph '{}': must be a source with exactly one video output", description));
    if (const int config_rc = lavfi.graph_config(graph.get(), nullptr); config_rc < 0)
      throw InputError(fmt::format("filter graph '{}': {}", description, av_error_text(config_rc)));
    if (lavfi.buffersink_get_type(sink) != AVMEDIA_TYPE_VIDEO)
      throw InputError(fmt::format("filter graph '{}': not a video source", description));
  }

  bool read(Frame& out) {
    const int rc = lavfi.buffersink_get_frame(sink, frame.get());
    if (rc == AVERROR_EOF) return false;
    check_av(rc, fmt::format("filter graph '{}'", description));
    to_bgr.convert(*frame, out);
    av_frame_unref(frame.get());
    return true;
  }
};

LavfiSource::LavfiSource(const std::string& graph) : impl_(std::make_unique<Impl>(graph)) {}
LavfiSource::~LavfiSource() = default;
bool LavfiSource::read(Frame& frame) { return impl_->read(frame); }
int LavfiSource::width() const { return impl_->lavfi.buffersink_get_w(impl_->sink); }
int LavfiSource::height() const { return impl_->lavfi.buffersink_get_h(impl_->sink); }
Rational LavfiSource::frame_rate() const { return from_av(impl_->lavfi.buffersink_get_frame_rate(impl_->sink)); }

}  // namespace framebench::media
