#include "media/native_frame.hpp"

#include <new>

#include "media/convert.hpp"
#include "media/libav.hpp"
#include "media/native_planes.hpp"

namespace framebench::media {

void NativeFrame::FrameDeleter::operator()(AVFrame* f) const { av_frame_free(&f); }

NativeFrame::NativeFrame() : frame_(av_frame_alloc()) {
  if (!frame_) throw std::bad_alloc();
}
NativeFrame::~NativeFrame() = default;
NativeFrame::NativeFrame(NativeFrame&&) noexcept = default;
NativeFrame& NativeFrame::operator=(NativeFrame&&) noexcept = default;

bool NativeFrame::empty() const { return !frame_ || !frame_->buf[0]; }

std::vector<ConstFrameView> NativeFrame::planes() const {
  if (empty()) return {};
  const auto views = plane_views(*frame_, "native frame");
  return {views.begin(), views.end()};
}

NativeToBgr::NativeToBgr() : to_bgr_(std::make_unique<ToBgr>()) {}
NativeToBgr::~NativeToBgr() = default;
NativeToBgr::NativeToBgr(NativeToBgr&&) noexcept = default;
NativeToBgr& NativeToBgr::operator=(NativeToBgr&&) noexcept = default;

void NativeToBgr::convert(const NativeFrame& in, PlanarFrame& out) { to_bgr_->convert(in.av(), out); }
void NativeToBgr::convert(const NativeFrame& in, FrameView out) { to_bgr_->convert(in.av(), out); }

}  // namespace framebench::media
