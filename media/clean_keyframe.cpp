#include "media/clean_keyframe.hpp"

#include <optional>

namespace framebench::media {

namespace {

// The header byte of the packet's first VCL NAL unit, found by `vcl`; none when there is none or
// the units cannot be walked.
template <typename IsVcl>
std::optional<int> first_vcl_header(const std::uint8_t* data, std::size_t size, int length_size, IsVcl vcl) {
  if (length_size > 0) {
    const auto n = static_cast<std::size_t>(length_size);
    for (std::size_t at = 0; at + n < size;) {
      std::size_t length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | data[at + i];
      at += n;
      if (length == 0 || length > size - at) return std::nullopt;
      if (vcl(data[at])) return data[at];
      at += length;
    }
    return std::nullopt;
  }
  // Annex B: a unit starts after 00 00 01 (a four-byte start code ends the same way).
  for (std::size_t at = 0; at + 3 < size; ++at)
    if (data[at] == 0 && data[at + 1] == 0 && data[at + 2] == 1 && vcl(data[at + 3])) return data[at + 3];
  return std::nullopt;
}

}  // namespace

CleanKeyframes::CleanKeyframes(const AVCodecParameters& par) {
  if (par.codec_id == AV_CODEC_ID_H264) codec_ = Codec::h264;
  else if (par.codec_id == AV_CODEC_ID_HEVC) codec_ = Codec::hevc;
  else return;
  // avcC and hvcC records begin with version 1 and give the length prefix's size; Annex B
  // extradata (or none, as in MPEG-TS) begins with a start code.
  const std::uint8_t* x = par.extradata;
  if (codec_ == Codec::h264 && par.extradata_size >= 7 && x[0] == 1) length_size_ = (x[4] & 3) + 1;
  if (codec_ == Codec::hevc && par.extradata_size >= 23 && x[0] == 1) length_size_ = (x[21] & 3) + 1;
}

bool CleanKeyframes::vcl_type(int header_byte) const {
  if (codec_ == Codec::h264) return (header_byte & 0x1f) >= 1 && (header_byte & 0x1f) <= 5;
  return ((header_byte >> 1) & 0x3f) <= 31;
}

bool CleanKeyframes::idr_type(int header_byte) const {
  if (codec_ == Codec::h264) return (header_byte & 0x1f) == 5;
  const int type = (header_byte >> 1) & 0x3f;
  return type == 19 || type == 20;  // IDR_W_RADL (its leading pictures refer only to it), IDR_N_LP
}

bool CleanKeyframes::is_clean(const AVPacket& packet) const {
  if (codec_ == Codec::other || !packet.data || packet.size <= 0) return false;
  const auto header = first_vcl_header(packet.data, static_cast<std::size_t>(packet.size), length_size_,
                                       [this](int byte) { return vcl_type(byte); });
  return header && idr_type(*header);
}

}  // namespace framebench::media
