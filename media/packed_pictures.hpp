#pragma once
// MPEG-4 Part 2 "packed B-frames", as DivX and XviD write AVI: a P-frame's packet also holds the
// B-frame shown before it, and a placeholder packet follows where that B-frame's would be. From
// the start libavcodec's decoder unpacks them and gives a frame a packet, but a decoder restarted
// at a keyframe mid-stream counts one frame short (found 7 December 2026 by a review: an XviD
// AVI with B-frames failed every chunked strategy, "the input ended at frame 237, inside segment
// 127-237", exit 1).
extern "C" {
#include <libavcodec/packet.h>
}

namespace framebench::media {

// Whether an MPEG-4 Part 2 packet holds more than one picture (two VOP start codes).
bool holds_packed_pictures(const AVPacket& packet);

}  // namespace framebench::media
