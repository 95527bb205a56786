#include "media/clean_keyframe.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace framebench::media {
namespace {

using Bytes = std::vector<std::uint8_t>;

bool clean(AVCodecID codec, Bytes extradata, Bytes data) {
  AVCodecParameters par{};
  par.codec_id = codec;
  par.extradata = extradata.empty() ? nullptr : extradata.data();
  par.extradata_size = static_cast<int>(extradata.size());
  AVPacket packet{};
  packet.data = data.data();
  packet.size = static_cast<int>(data.size());
  return CleanKeyframes(par).is_clean(packet);
}

bool can_start(AVCodecID codec, std::string data) {
  AVCodecParameters par{};
  par.codec_id = codec;
  AVPacket packet{};
  packet.data = reinterpret_cast<std::uint8_t*>(data.data());
  packet.size = static_cast<int>(data.size());
  packet.flags = AV_PKT_FLAG_KEY;  // as flagged: the question is whether the flag can be believed
  return CleanKeyframes(par).can_start(packet);
}

// An avcC record with 4-byte lengths (the rest of it is not read).
const Bytes kAvcc = {1, 0x64, 0, 0x1f, 0xff, 0xe1, 0};

TEST(CleanKeyframes, AnH264IdrIsCleanInAnnexBAndWithLengthPrefixes) {
  // Annex B: access unit delimiter (9), SPS (7), PPS (8), then the IDR slice (5).
  EXPECT_TRUE(clean(AV_CODEC_ID_H264, {}, {0, 0, 0, 1, 0x09, 0xf0, 0, 0, 0, 1, 0x67, 0x64, 0, 0, 1, 0x68, 0xee, 0, 0, 1, 0x65, 0x88}));
  // Length-prefixed: SEI (6, 2 bytes), then the IDR slice.
  EXPECT_TRUE(clean(AV_CODEC_ID_H264, kAvcc, {0, 0, 0, 2, 0x06, 0x05, 0, 0, 0, 2, 0x65, 0x88}));
}

TEST(CleanKeyframes, AnH264NonIdrSliceIsNotClean) {
  // An I-slice of an open GOP or a recovery point is coded as a non-IDR slice (1).
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, {}, {0, 0, 1, 0x06, 0x05, 0, 0, 1, 0x41, 0x9a}));
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, kAvcc, {0, 0, 0, 2, 0x06, 0x05, 0, 0, 0, 2, 0x41, 0x9a}));
  // Only the first slice counts: an IDR NAL type inside a later unit does not make the picture one.
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, kAvcc, {0, 0, 0, 2, 0x41, 0x9a, 0, 0, 0, 2, 0x65, 0x88}));
}

TEST(CleanKeyframes, AnIdrTypeInAHeaderThatNoIdrCanHaveIsNotClean) {
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, {}, {0, 0, 1, 0x05, 0x88}));        // nal_ref_idc 0
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, {}, {0, 0, 1, 0x80 | 0x65, 0x88}));  // the forbidden bit
  EXPECT_FALSE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 19 << 1, 2, 0xaf}));   // temporal layer 1
  EXPECT_FALSE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 19 << 1, 0, 0xaf}));   // temporal_id_plus1 0
  EXPECT_FALSE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 19 << 1 | 1, 1, 0xaf}));  // not the base layer
}

// An hvcC record of version 0 (older muxers) still means length prefixes. Read as Annex B, a
// 4-byte length of 0x128 is "00 00 01 28", and 0x28 is IDR_N_LP's header: a CRA, whose leading
// pictures need the GOP before, would pass for an IDR.
TEST(CleanKeyframes, AVersion0HvccMeansLengthPrefixes) {
  Bytes hvcc(23, 0);
  hvcc[1] = 0x01;  // general_profile_idc 1: not Annex B's 00 00 0x/01
  hvcc[21] = 0x03;  // 4-byte lengths
  Bytes cra = {0, 0, 0x01, 0x28, 21 << 1, 1};
  cra.resize(4 + 0x128, 0xaf);
  EXPECT_FALSE(clean(AV_CODEC_ID_HEVC, hvcc, cra));
  Bytes idr = cra;
  idr[4] = 19 << 1;
  EXPECT_TRUE(clean(AV_CODEC_ID_HEVC, hvcc, idr));
}

TEST(CleanKeyframes, UnitsThatCannotBeWalkedAreNeverClean) {
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, kAvcc, {0, 0, 0, 9, 0x65, 0x88}));  // a length past the packet's end
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, kAvcc, {0, 0, 0, 0, 0x65, 0x88}));  // a zero length
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, {}, {0x65, 0x88, 0x01}));           // no start code
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, {}, {0x41, 0x9a, 0, 0, 1, 0x65}));  // one, but not at the start
  EXPECT_FALSE(clean(AV_CODEC_ID_H264, kAvcc, {}));
}

TEST(CleanKeyframes, HevcIdrTypesAreCleanAndCraIsNot) {
  // The type is bits 1-6 of the first header byte: IDR_W_RADL 19, IDR_N_LP 20, CRA 21.
  EXPECT_TRUE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 19 << 1, 1, 0xaf}));
  EXPECT_TRUE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 20 << 1, 1, 0xaf}));
  EXPECT_FALSE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 21 << 1, 1, 0xaf}));
  // Parameter sets (VPS 32) before the slice are skipped.
  EXPECT_TRUE(clean(AV_CODEC_ID_HEVC, {}, {0, 0, 1, 32 << 1, 1, 0x0c, 0, 0, 1, 19 << 1, 1, 0xaf}));
}

// VP8 and VP9 key frames replace every reference the decoder holds (found 7 December 2026: their
// chunks decoded a GOP of pre-roll, as other codecs' keyframes need).
TEST(CleanKeyframes, Vp8AndVp9KeyFramesAreClean) {
  // VP8: the frame tag's first bit 0 (key), the start code 9d 01 2a after the three tag bytes.
  EXPECT_TRUE(clean(AV_CODEC_ID_VP8, {}, {0x50, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x00}));
  EXPECT_FALSE(clean(AV_CODEC_ID_VP8, {}, {0x51, 0x42, 0x00, 0x9d, 0x01, 0x2a, 0x80, 0x00}));  // an inter frame
  EXPECT_FALSE(clean(AV_CODEC_ID_VP8, {}, {0x50, 0x42, 0x00, 0x00, 0x01, 0x2a, 0x80, 0x00}));  // no start code
  // VP9 profile 0: marker 10, profile 00, show_existing 0, key 0, shown 1, error_res 0, sync code.
  EXPECT_TRUE(clean(AV_CODEC_ID_VP9, {}, {0x82, 0x49, 0x83, 0x42, 0x00}));
  EXPECT_FALSE(clean(AV_CODEC_ID_VP9, {}, {0x86, 0x00, 0x00, 0x00, 0x00}));  // frame_type 1: an inter frame
  EXPECT_FALSE(clean(AV_CODEC_ID_VP9, {}, {0x80, 0x49, 0x83, 0x42, 0x00}));  // a hidden key frame
  EXPECT_FALSE(clean(AV_CODEC_ID_VP9, {}, {0x88, 0x49, 0x83, 0x42, 0x00}));  // show_existing_frame
  EXPECT_FALSE(clean(AV_CODEC_ID_VP9, {}, {0x82, 0x49, 0x83, 0x43, 0x00}));  // a broken sync code
  // Profile 3 reads a reserved bit first: 10 11 0 0 0 1 | 0, then the sync code a bit later.
  EXPECT_TRUE(clean(AV_CODEC_ID_VP9, {}, {0xb1, 0x24, 0xc1, 0xa1, 0x00}));
}

TEST(CleanKeyframes, AnMpeg2IFrameOpeningAClosedGopIsClean) {
  // A sequence header's start, then a GOP header: time code 00 08 00 then closed_gop, broken_link.
  const std::vector<std::uint8_t> closed = {0, 0, 1, 0xb3, 0x14, 0, 0, 1, 0xb8, 0x00, 0x08, 0x00, 0x40, 0, 0, 1, 0x00, 0x00, 0x0f};
  EXPECT_TRUE(clean(AV_CODEC_ID_MPEG2VIDEO, {}, closed));
  EXPECT_TRUE(clean(AV_CODEC_ID_MPEG1VIDEO, {}, closed));
  auto open = closed;
  open[12] = 0x00;  // closed_gop 0
  EXPECT_FALSE(clean(AV_CODEC_ID_MPEG2VIDEO, {}, open));
  auto broken = closed;
  broken[12] = 0x60;  // closed, but its link broken by an edit
  EXPECT_FALSE(clean(AV_CODEC_ID_MPEG2VIDEO, {}, broken));
  // A picture before any GOP header, and a GOP header cut short.
  EXPECT_FALSE(clean(AV_CODEC_ID_MPEG2VIDEO, {}, {0, 0, 1, 0x00, 0x00, 0x0f, 0, 0, 1, 0xb8, 0x00, 0x08, 0x00, 0x40}));
  EXPECT_FALSE(clean(AV_CODEC_ID_MPEG2VIDEO, {}, {0, 0, 1, 0xb8, 0x00, 0x08}));
}

// Nothing of an intra-only codec's frame refers to another frame. FFV1 is not one: between its
// keyframes its coder keeps the state the frames before left.
TEST(CleanKeyframes, EveryFrameOfAnIntraOnlyCodecIsClean) {
  for (const AVCodecID codec : {AV_CODEC_ID_MJPEG, AV_CODEC_ID_PRORES, AV_CODEC_ID_DNXHD, AV_CODEC_ID_RAWVIDEO})
    EXPECT_TRUE(clean(codec, {}, {0xff, 0xd8, 0xff, 0xe0})) << avcodec_get_name(codec);
  EXPECT_FALSE(clean(AV_CODEC_ID_FFV1, {}, {0xff, 0xd8, 0xff, 0xe0}));
}

TEST(CleanKeyframes, OtherCodecsAreNeverClean) {
  EXPECT_FALSE(clean(AV_CODEC_ID_MPEG4, {}, {0, 0, 1, 0x65, 0x88}));
  EXPECT_FALSE(clean(AV_CODEC_ID_THEORA, {}, {0, 0, 1, 0x65, 0x88}));
  EXPECT_FALSE(clean(AV_CODEC_ID_APNG, {}, {0x89, 'P', 'N', 'G'})) << "APNG frames draw over the ones before";
}

// GIF frames after the first draw on the canvas those before left: only one carrying the GIF
// header starts a decode, whatever its keyframe flag says (found 7 December 2026 by a sweep of
// stream layouts: a GIF in Matroska, every frame flagged, failed every chunked strategy).
TEST(CleanKeyframes, OnlyAGifFrameWithItsHeaderStartsADecode) {
  EXPECT_TRUE(can_start(AV_CODEC_ID_GIF, std::string("GIF89a\x80\0", 8)));
  EXPECT_TRUE(can_start(AV_CODEC_ID_GIF, "GIF87a"));
  EXPECT_FALSE(can_start(AV_CODEC_ID_GIF, std::string("!\xf9\x04\x05\0\0\0\0,", 9)));  // a graphic control block, then an image
  EXPECT_FALSE(can_start(AV_CODEC_ID_GIF, "GIF8"));
  EXPECT_TRUE(can_start(AV_CODEC_ID_H264, "anything"));  // other codecs: as their flags say
  // A GIF frame with the header needs nothing before it: a clean restart, without pre-roll.
  EXPECT_TRUE(clean(AV_CODEC_ID_GIF, {}, {'G', 'I', 'F', '8', '9', 'a', 0x80, 0}));
  EXPECT_FALSE(clean(AV_CODEC_ID_GIF, {}, {'!', 0xf9, 0x04, 0x05, 0, 0, 0, 0, ','}));
}

}  // namespace
}  // namespace framebench::media
