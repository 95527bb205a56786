#include "real_world_clips.hpp"

#include <fstream>
#include <stdexcept>
#include <string_view>

#include "media_fixtures.hpp"
#include "tests/support/files.hpp"

namespace framebench::media::testing {
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kVideo = {"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=25"};
const std::vector<std::string> kVideoAndAudio = {"-f", "lavfi", "-i", "testsrc2=size=128x96:rate=25",
                                                 "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"};

void ffmpeg_with(std::vector<std::string> inputs, const std::vector<std::string>& rest) {
  inputs.insert(inputs.end(), rest.begin(), rest.end());
  run_ffmpeg(inputs);
}

void write_bytes(const fs::path& file, std::string_view bytes) {
  std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// An AVI without its idx1 index: the file is cut where the index begins, so the demuxer must
// scan and cannot seek by the index.
void strip_avi_index(const fs::path& from, const fs::path& to) {
  const std::string bytes = framebench::testing::slurp(from);
  const auto at = bytes.rfind("idx1");
  if (at == std::string::npos) throw std::runtime_error(from.string() + " has no idx1 index to strip");
  write_bytes(to, std::string_view(bytes).substr(0, at));
}


// An MP4 whose cover art is read before its video: the moov box's udta child, which holds the
// picture, moved before its trak (a reorder inside moov, which follows mdat, so no offset moves).
void cover_art_first(const fs::path& from, const fs::path& to) {
  std::string bytes = framebench::testing::slurp(from);
  const auto size_at = [&](std::size_t at) {
    return (std::size_t{static_cast<unsigned char>(bytes[at])} << 24) | (std::size_t{static_cast<unsigned char>(bytes[at + 1])} << 16) |
           (std::size_t{static_cast<unsigned char>(bytes[at + 2])} << 8) | std::size_t{static_cast<unsigned char>(bytes[at + 3])};
  };
  std::size_t moov = 0;
  while (moov + 8 <= bytes.size() && bytes.compare(moov + 4, 4, "moov") != 0) moov += size_at(moov);
  if (moov + 8 > bytes.size()) throw std::runtime_error(from.string() + " has no moov box");
  std::size_t trak = 0, udta = 0;
  for (std::size_t at = moov + 8; at + 8 <= moov + size_at(moov); at += size_at(at)) {
    if (bytes.compare(at + 4, 4, "trak") == 0 && trak == 0) trak = at;
    if (bytes.compare(at + 4, 4, "udta") == 0) udta = at;
  }
  if (trak == 0 || udta < trak) throw std::runtime_error(from.string() + ": no udta after its trak");
  const std::string picture = bytes.substr(udta, size_at(udta));
  bytes.erase(udta, picture.size());
  bytes.insert(trak, picture);
  write_bytes(to, bytes);
}

}  // namespace

void drop_sync_sample_table(const fs::path& from, const fs::path& to) {
  std::string bytes = framebench::testing::slurp(from);
  const auto at = bytes.find("stss");
  if (at == std::string::npos) throw std::runtime_error(from.string() + " has no stss box");
  bytes.replace(at, 4, "free");
  write_bytes(to, bytes);
}

const std::vector<RealWorldClip>& real_world_clips() {
  static const std::vector<RealWorldClip> all = {
      {"mpeg4_bframes_avi", "bframes.avi", 80, "MPEG-4 Part 2 with B-frames in AVI: B-frames cross GOPs, packets carry DTS only"},
      {"mpeg4_avi_no_index", "noindex.avi", 80, "the same AVI without its index"},
      {"h264_audio_mp4_every_sample_sync", "nosync.mp4", 80,
       "H.264 with B-frames and an AAC track in MP4, negative DTS at the start, no sync-sample table: every sample a keyframe to the index"},
      {"mpeg4_bframes_mp4_every_sample_sync", "nosync-mpeg4.mp4", 80,
       "MPEG-4 Part 2 with B-frames in MP4, no sync-sample table: every P- and B-frame a keyframe to the index, none of them an IDR"},
      {"vp9_alt_ref_webm", "altref.webm", 80,
       "VP9 with hidden alt-ref frames in superframes: key frames restart without pre-roll, every other frame refers back"},
      {"h264_open_gop_mp4", "opengop.mp4", 80, "x264 open GOPs: keyframe-flagged I-frames whose leading B-frames need the GOP before"},
      {"h264_intra_refresh_mp4", "refresh.mp4", 80, "x264 intra refresh with audio: P-frames with recovery points flagged as keyframes"},
      {"h264_edit_list_mp4", "editlist.mp4", 67, "a stream copy cut mid-GOP: an edit list hides the first decoded frames"},
      {"mpeg2_bframes_mpg", "bframes.mpg", 80,
       "MPEG-2 with B-frames in MPEG-PS: a pts in some packets only, and after a seek the keyframe's packet comes in two pieces"},
      {"gif_mkv", "gif.mkv", 40, "GIF in Matroska: every frame flagged a keyframe, but only the first carries the GIF header", false},
      {"cover_art_first_mp4", "cover_first.mp4", 80, "H.264 in MP4 with cover art (an attached PNG) stored as the first stream"},
  };
  return all;
}

fs::path make_real_world_clip(const RealWorldClip& clip, const fs::path& dir) {
  const fs::path out = dir / clip.file;
  const std::string& name = clip.name;
  if (name == "mpeg4_bframes_avi") {
    ffmpeg_with(kVideo, {"-frames:v", "80", "-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3", out.string()});
  } else if (name == "mpeg4_avi_no_index") {
    const fs::path indexed = dir / ("indexed-" + clip.file);
    ffmpeg_with(kVideo, {"-frames:v", "80", "-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3", indexed.string()});
    strip_avi_index(indexed, out);
    fs::remove(indexed);
  } else if (name == "h264_audio_mp4_every_sample_sync") {
    const fs::path synced = dir / ("synced-" + clip.file);
    ffmpeg_with(kVideoAndAudio, {"-frames:v", "80", "-c:v", "libx264", "-bf", "2", "-g", "40", "-sc_threshold", "0", "-c:a", "aac",
                                 "-shortest", synced.string()});
    drop_sync_sample_table(synced, out);
    fs::remove(synced);
  } else if (name == "mpeg4_bframes_mp4_every_sample_sync") {
    const fs::path synced = dir / ("synced-" + clip.file);
    ffmpeg_with(kVideo, {"-frames:v", "80", "-c:v", "mpeg4", "-bf", "2", "-g", "12", "-q:v", "3", synced.string()});
    drop_sync_sample_table(synced, out);
    fs::remove(synced);
  } else if (name == "vp9_alt_ref_webm") {
    // libvpx hides alt-ref frames in superframes on a second pass only.
    const std::vector<std::string> vp9 = {"-frames:v", "80", "-c:v", "libvpx-vp9", "-g", "20", "-auto-alt-ref", "1", "-lag-in-frames", "16",
                                          "-deadline", "good", "-cpu-used", "4", "-b:v", "200k", "-passlogfile", (dir / "vp9-pass").string()};
    const auto pass = [&](const std::string& n, std::vector<std::string> rest) {
      std::vector<std::string> args = vp9;
      args.insert(args.end(), {"-pass", n});
      args.insert(args.end(), rest.begin(), rest.end());
      ffmpeg_with(kVideo, args);
    };
    pass("1", {"-f", "null", "-"});
    pass("2", {out.string()});
    fs::remove(dir / "vp9-pass-0.log");
  } else if (name == "h264_open_gop_mp4") {
    ffmpeg_with(kVideoAndAudio, {"-frames:v", "80", "-c:v", "libx264", "-bf", "3", "-g", "15", "-x264-params", "open-gop=1:scenecut=0",
                                 "-c:a", "aac", "-shortest", out.string()});
  } else if (name == "h264_intra_refresh_mp4") {
    ffmpeg_with(kVideoAndAudio, {"-frames:v", "80", "-c:v", "libx264", "-bf", "2", "-x264-params", "intra-refresh=1:keyint=20",
                                 "-c:a", "aac", "-shortest", out.string()});
  } else if (name == "h264_edit_list_mp4") {
    const fs::path whole = dir / ("whole-" + clip.file);
    ffmpeg_with(kVideo, {"-frames:v", "80", "-c:v", "libx264", "-bf", "2", "-g", "20", whole.string()});
    run_ffmpeg({"-ss", "0.5", "-i", whole.string(), "-c", "copy", out.string()});
    fs::remove(whole);
  } else if (name == "mpeg2_bframes_mpg") {
    ffmpeg_with(kVideo, {"-frames:v", "80", "-c:v", "mpeg2video", "-bf", "2", "-g", "12", "-q:v", "3", out.string()});
  } else if (name == "gif_mkv") {
    ffmpeg_with(kVideo, {"-frames:v", "40", "-c:v", "gif", out.string()});
  } else if (name == "cover_art_first_mp4") {
    const fs::path cover = dir / "cover.png", last = dir / ("cover-last-" + clip.file);
    ffmpeg_with(kVideo, {"-frames:v", "1", cover.string()});
    ffmpeg_with(kVideo, {"-i", cover.string(), "-map", "0:v", "-map", "1:v", "-frames:v", "80", "-c:v:0", "libx264", "-g", "20", "-c:v:1",
                         "png", "-disposition:v:1", "attached_pic", last.string()});
    cover_art_first(last, out);
    fs::remove(cover);
    fs::remove(last);
  } else {
    throw std::runtime_error("no recipe for clip " + name);
  }
  return out;
}

}  // namespace framebench::media::testing
