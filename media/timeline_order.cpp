#include "media/timeline_order.hpp"

#include <algorithm>

#include <fmt/format.h>

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace framebench::media {

namespace {
constexpr std::size_t kMostReordered = 16;  // H.264's and HEVC's largest decoded picture buffer
}  // namespace

TimelineOrder::TimelineOrder(const AVCodecParameters& par) : codec_(avcodec_get_name(par.codec_id)) {
  const AVCodecDescriptor* descriptor = avcodec_descriptor_get(par.codec_id);
  reach_ = descriptor && (descriptor->props & AV_CODEC_PROP_REORDER) ? kMostReordered : 0;
}

bool TimelineOrder::admits(std::int64_t time) const { return largest_.size() <= reach_ || time >= largest_.front(); }

void TimelineOrder::add(std::int64_t time, std::int64_t packet) {
  if (largest_.empty() || time >= largest_.back()) latest_packet_ = packet;
  largest_.insert(std::upper_bound(largest_.begin(), largest_.end(), time), time);
  if (largest_.size() > reach_ + 1) largest_.erase(largest_.begin());
}

std::string TimelineOrder::why_not(std::int64_t time, std::int64_t packet, double time_base) const {
  const std::string before =
      reach_ == 0 ? fmt::format("before packet {} ({:.3f} s), which {} shows first as it decodes first", latest_packet_,
                                static_cast<double>(largest_.back()) * time_base, codec_)
                  : fmt::format("before more than {} packets decoded ahead of it (packet {} at {:.3f} s), more than {} reorders", reach_,
                                latest_packet_, static_cast<double>(largest_.back()) * time_base, codec_);
  return fmt::format("packet {} is shown at {:.3f} s, {}: its timeline goes back (files joined end to end?), so its frames cannot be put "
                     "in one order",
                     packet, static_cast<double>(time) * time_base, before);
}

}  // namespace framebench::media
