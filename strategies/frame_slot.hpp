#pragma once
// One frame on its way through a strategy: what was decoded, the frame the filter writes, and
// views of both's planes for the filter. On the BGR24 path both are PlanarFrames of ours. On the
// native path they are the decoder's and the encoder's own frames, held by reference
// (media::NativeFrame), so that no plane is copied in or out; unlike read_planes and frame_to_fill,
// several slots may be in flight at once (tbb-pipeline's tokens).
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
    if (pixels == PixelPath::native) {
      if (!reader.read(native_in)) return false;
      in_planes = native_in.planes();
      out_planes = writer.frame_to_fill(native_out);
      return true;
    }
    if (!reader.read(in)) return false;
    out.reshape_like(in);
    in_planes.clear();
    out_planes.clear();
    for (std::size_t p = 0; p < in.planes.size(); ++p) {
      in_planes.push_back(in.planes[p].view());
      out_planes.push_back(out.planes[p].view());
    }
    return true;
  }

  // Hands the filtered frame to `writer` (write(NativeFrame&) or write(const PlanarFrame&)).
  template <typename Writer>
  void write(Writer& writer, PixelPath pixels) {
    if (pixels == PixelPath::native) writer.write(native_out);
    else writer.write(out);
  }
};

}  // namespace framebench::strategies
