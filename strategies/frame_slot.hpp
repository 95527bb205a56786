#pragma once
// One frame on its way through a strategy: what was decoded, the frame the filter writes, and
// views of both's planes for the filter. How the frame travels is its SlotPath:
// - bgr24: PlanarFrames of ours in BGR24, converted by the reader and by the writer;
// - bgr24_bands: the decoder's and the encoder's own frames (media::NativeFrame, held by
//   reference), converted to and from BGR24 inside the filter step, a band of rows at a time
//   (SlotFilter, media::BgrBands); the BGR24 path's default;
// - native: those frames filtered in their own format, no plane copied in or out.
// Several slots may be in flight at once (tbb-pipeline's tokens). Readying the output frame
// happens in read(), so strategies time it as decode.
#include <vector>

#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "media/native_frame.hpp"
#include "media/video_reader.hpp"

namespace framebench::strategies {

enum class SlotPath { bgr24, bgr24_bands, native };

// The slot path for a pixel path: BGR24 in bands unless told otherwise.
inline SlotPath slot_path(PixelPath pixels) { return pixels == PixelPath::native ? SlotPath::native : SlotPath::bgr24_bands; }

struct FrameSlot {
  PlanarFrame in, out;                       // bgr24
  media::NativeFrame native_in, native_out;  // bgr24_bands, native
  // The planes of `in` and `out`, or of native_in and native_out; none on bgr24_bands, whose
  // filter step takes the frames whole (SlotFilter::input_planes has what it read).
  std::vector<ConstFrameView> in_planes;
  std::vector<FrameView> out_planes;

  // Decodes the next frame and readies the frame the filter writes: but on bgr24, the encoder's
  // own, from `writer` (VideoWriter, PacketEncoder's owners: frame_to_fill(NativeFrame&) and
  // ready_to_fill(NativeFrame&)). False at the end of the input.
  template <typename Writer>
  bool read(media::VideoReader& reader, const Writer& writer, SlotPath path) {
    if (!read_input(reader, path)) return false;
    if (path == SlotPath::native) out_planes = writer.frame_to_fill(native_out);
    else if (path == SlotPath::bgr24_bands) writer.ready_to_fill(native_out);
    else ready_bgr_output();
    return true;
  }

  // bgr24 in two steps, so that a pipeline converts in its parallel stage rather than its serial
  // decode stage: the decoder's frame alone, unconverted; then, on any thread, that frame
  // converted to BGR24 (exactly as read() converts) and the output readied.
  bool read_decoded(media::VideoReader& reader) { return reader.read(native_in); }
  void convert_to_bgr(media::NativeToBgr& converter) {
    converter.convert(native_in, in);
    in_planes.assign(1, in.planes.front().view());
    ready_bgr_output();
  }

  // Decodes the next frame into in_planes alone (frames only looked at, not filtered).
  bool read_input(media::VideoReader& reader, SlotPath path) {
    if (path == SlotPath::bgr24_bands) {
      in_planes.clear();
      return reader.read(native_in);
    }
    if (path == SlotPath::native) {
      if (!reader.read(native_in)) return false;
      in_planes = native_in.planes();
      return true;
    }
    if (!reader.read(in)) return false;
    in_planes.clear();
    for (const Frame& plane : in.planes) in_planes.push_back(plane.view());
    return true;
  }

  // Hands the filtered frame to `writer` (write(NativeFrame&) or write(const PlanarFrame&)).
  template <typename Writer>
  void write(Writer& writer, SlotPath path) {
    if (path != SlotPath::bgr24) writer.write(native_out);
    else writer.write(out);
  }

 private:
  void ready_bgr_output() {
    out.reshape_like(in);
    out_planes.clear();
    for (Frame& plane : out.planes) out_planes.push_back(plane.view());
  }
};

}  // namespace framebench::strategies
