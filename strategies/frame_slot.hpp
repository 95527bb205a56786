#pragma once
// One frame on its way through a strategy: what was decoded, the frame the filter writes, and
// views of both's planes for the filter. On the BGR24 path both are PlanarFrames of ours. On the
// native path they are the decoder's and the encoder's own frames, held by reference
// (media::NativeFrame), so that no plane is copied in or out; several slots may be in flight at
// once (tbb-pipeline's tokens). Readying the output frame happens in read(), so strategies time
// it as decode.
#include <vector>

#include "core/frame.hpp"
#include "core/pixel_path.hpp"
#include "core/planar_frame.hpp"
#include "media/native_frame.hpp"
#include "media/video_reader.hpp"

namespace framebench::strategies {

struct FrameSlot {
  PlanarFrame in, out;                       // BGR24
  media::NativeFrame native_in, native_out;  // native
  std::vector<ConstFrameView> in_planes;
  std::vector<FrameView> out_planes;

  // Decodes the next frame and readies the frame the filter writes: on the native path the
  // encoder's own, from `writer` (VideoWriter, PacketEncoder's owners: frame_to_fill(NativeFrame&)).
  // False at the end of the input.
  template <typename Writer>
  bool read(media::VideoReader& reader, const Writer& writer, PixelPath pixels) {
    if (!read_input(reader, pixels)) return false;
    if (pixels == PixelPath::native) {
      out_planes = writer.frame_to_fill(native_out);
      return true;
    }
    ready_bgr_output();
    return true;
  }

  // The BGR24 path in two steps, so that a pipeline converts in its parallel stage rather than
  // its serial decode stage: the decoder's frame alone, unconverted; then, on any thread, that
  // frame converted to BGR24 (exactly as read() converts) and the output readied.
  bool read_decoded(media::VideoReader& reader) { return reader.read(native_in); }
  void convert_to_bgr(media::NativeToBgr& converter) {
    converter.convert(native_in, in);
    in_planes.assign(1, in.planes.front().view());
    ready_bgr_output();
  }

  // Decodes the next frame into in_planes alone (frames only looked at, not filtered).
  bool read_input(media::VideoReader& reader, PixelPath pixels) {
    if (pixels == PixelPath::native) {
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
  void write(Writer& writer, PixelPath pixels) {
    if (pixels == PixelPath::native) writer.write(native_out);
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
