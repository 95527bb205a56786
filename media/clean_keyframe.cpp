#include "media/clean_keyframe.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "media/vpx_key_frame.hpp"

extern "C" {
#include <libavcodec/codec_desc.h>
}

namespace framebench::media {

namespace {

struct NalHeader {
  int first = 0;
  int second = -1;  // -1: the unit has one byte
};

// The header of the packet's first VCL NAL unit, found by `vcl`; none when there is none or the
// units cannot be walked. Annex B packets must begin with a start code.
template <typename IsVcl>
std::optional<NalHeader> first_vcl_header(const std::uint8_t* data, std::size_t size, int length_size, IsVcl vcl) {
  const auto header_at = [&](std::size_t at, std::size_t end) {
    return NalHeader{data[at], at + 1 < end ? data[at + 1] : -1};
  };
  if (length_size > 0) {
    const auto n = static_cast<std::size_t>(length_size);
    for (std::size_t at = 0; at + n < size;) {
      std::size_t length = 0;
      for (std::size_t i = 0; i < n; ++i) length = (length << 8) | data[at + i];
      at += n;
      if (length == 0 || length > size - at) return std::nullopt;
      if (vcl(data[at])) return header_at(at, at + length);
      at += length;
    }
    return std::nullopt;
  }
  const bool starts_with_start_code =
      size >= 4 && data[0] == 0 && data[1] == 0 && (data[2] == 1 || (data[2] == 0 && data[3] == 1));
  if (!starts_with_start_code) return std::nullopt;
  // A unit starts after 00 00 01 (a four-byte start code ends the same way).
  for (std::size_t at = 0; at + 3 < size; ++at)
    if (data[at] == 0 && data[at + 1] == 0 && data[at + 2] == 1 && vcl(data[at + 3])) return header_at(at + 3, size);
  return std::nullopt;
}

}  // namespace

// Length prefixes or start codes are told apart from the extradata as libavcodec's own H.264 and
// HEVC decoders tell them apart, so both read the packets alike.
CleanKeyframes::CleanKeyframes(const AVCodecParameters& par) {
  const std::uint8_t* x = par.extradata;
  const int n = par.extradata_size;
  if (par.codec_id == AV_CODEC_ID_H264) {
    codec_ = Codec::h264;
    if (n >= 7 && x[0] == 1) length_size_ = (x[4] & 3) + 1;  // avcC
  } else if (par.codec_id == AV_CODEC_ID_MPEG1VIDEO || par.codec_id == AV_CODEC_ID_MPEG2VIDEO) {
    codec_ = Codec::mpeg12;
  } else if (par.codec_id == AV_CODEC_ID_GIF) {
    codec_ = Codec::gif;
  } else if (const AVCodecDescriptor* d = avcodec_descriptor_get(par.codec_id); d && (d->props & AV_CODEC_PROP_INTRA_ONLY)) {
    codec_ = Codec::intra_only;
  } else if (par.codec_id == AV_CODEC_ID_VP8) {
    codec_ = Codec::vp8;
  } else if (par.codec_id == AV_CODEC_ID_VP9) {
    codec_ = Codec::vp9;
  } else if (par.codec_id == AV_CODEC_ID_HEVC) {
    codec_ = Codec::hevc;
    if (n > 3 && (x[0] || x[1] || x[2] > 1)) {  // hvcC, version 1 or the version 0 older muxers wrote
      if (n < 23) codec_ = Codec::other;        // too short to say its prefix size: never clean
      else length_size_ = (x[21] & 3) + 1;
    }
  }
}

bool CleanKeyframes::vcl_type(int header_byte) const {
  if (codec_ == Codec::h264) return (header_byte & 0x1f) >= 1 && (header_byte & 0x1f) <= 5;
  return ((header_byte >> 1) & 0x3f) <= 31;
}

// Beyond the type, what an IDR's header must hold: no forbidden bit; in H.264 a nonzero
// nal_ref_idc; in HEVC the base layer and temporal layer 0. A header that breaks these is not
// read as an IDR, whatever its type bits say.
bool CleanKeyframes::idr_header(int first, int second) const {
  if (first & 0x80) return false;
  if (codec_ == Codec::h264) return (first & 0x1f) == 5 && (first & 0x60) != 0;
  const int type = (first >> 1) & 0x3f;
  const bool base_layer = (first & 1) == 0 && (second & 0xf8) == 0;
  return (type == 19 || type == 20) && second >= 0 && base_layer && (second & 7) == 1;  // IDR_W_RADL, IDR_N_LP
}

bool CleanKeyframes::is_clean(const AVPacket& packet) const {
  if (codec_ == Codec::other || !packet.data || packet.size <= 0) return false;
  if (codec_ == Codec::gif) return gif_header(packet);
  if (codec_ == Codec::mpeg12) return closed_gop_header(packet);
  if (codec_ == Codec::intra_only) return true;
  if (codec_ == Codec::vp8 || codec_ == Codec::vp9) {
    const auto key = codec_ == Codec::vp8 ? vp8_key_frame(packet) : vp9_key_frame(packet);
    return key && key->shown;
  }
  const auto header = first_vcl_header(packet.data, static_cast<std::size_t>(packet.size), length_size_,
                                       [this](int byte) { return vcl_type(byte); });
  return header && idr_header(header->first, header->second);
}

bool CleanKeyframes::can_start(const AVPacket& packet) const {
  return (packet.flags & AV_PKT_FLAG_KEY) && (codec_ != Codec::gif || gif_header(packet));
}

// The group-of-pictures header before the packet's first picture (ISO/IEC 13818-2 6.2.2.6): after
// its start code, 25 bits of time code, closed_gop, then broken_link. A closed GOP's B-frames
// shown before its I-frame are predicted from that I-frame alone, and libavcodec decodes them
// after a restart there (an open GOP's it skips).
bool CleanKeyframes::closed_gop_header(const AVPacket& packet) {
  const std::uint8_t* d = packet.data;
  const auto size = static_cast<std::size_t>(packet.size);
  for (std::size_t at = 0; at + 7 < size; ++at) {
    if (d[at] != 0 || d[at + 1] != 0 || d[at + 2] != 1) continue;
    if (d[at + 3] == 0x00) return false;  // a picture before any GOP header
    if (d[at + 3] == 0xb8) {
      const bool closed = (d[at + 7] >> 6) & 1, broken_link = (d[at + 7] >> 5) & 1;
      return closed && !broken_link;
    }
  }
  return false;
}

// A GIF of its own begins with its signature, and its decoder starts a new canvas there.
bool CleanKeyframes::gif_header(const AVPacket& packet) {
  const std::string_view start(reinterpret_cast<const char*>(packet.data), packet.data ? std::min(packet.size, 6) : 0);
  return start == "GIF87a" || start == "GIF89a";
}

}  // namespace framebench::media
