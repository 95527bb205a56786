#pragma once
// Clips of the kinds that broke frame identity in the segment strategies (issue 11, item 1),
// made by the real ffmpeg CLI: containers whose timestamps or keyframe flags cannot be trusted
// to say where a decoder restarts or which frame is which.
#include <filesystem>
#include <string>
#include <vector>

namespace framebench::media::testing {

struct RealWorldClip {
  std::string name;
  std::string file;     // its name, whose extension picks the container
  int frames;           // frames a decode from the start gives
  std::string what;     // why it is awkward
  bool restarts = true;  // offers restarts inside it (a GIF's flagged keyframes are not, and the probe keeps none)
};

const std::vector<RealWorldClip>& real_world_clips();

// Makes `clip` at `dir / clip.file` (about a second of 128x96 video).
std::filesystem::path make_real_world_clip(const RealWorldClip& clip, const std::filesystem::path& dir);

// An MP4 whose sync-sample table (stss) is renamed to a free box: to the demuxer's index every
// video sample is then a keyframe, as in files whose writers leave the table out.
void drop_sync_sample_table(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace framebench::media::testing
