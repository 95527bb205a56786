#pragma once
// What a video file holds, read by demuxing every packet of its first video stream (no decode),
// so the frame count and keyframe positions are exact, not estimated from headers.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "media/presentation.hpp"
#include "media/rational.hpp"

namespace framebench::media {

struct VideoInfo {
  std::filesystem::path path;
  std::string container;       // libavformat's short name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  std::string codec;           // e.g. "h264"
  std::string pixel_format;    // e.g. "yuv420p"
  int width = 0;
  int height = 0;
  Rational frame_rate;         // average frame rate
  Rational time_base;          // of the stream
  Presentation presentation;   // pixel aspect, display matrix and colour tags, which outputs keep
  std::int64_t frame_count = 0;
  double duration_s = 0;       // frame_count / frame_rate for constant-rate streams
  bool has_b_frames = false;   // presentation order differs from decode order
  // Frames shown before the stream's first packet, a keyframe: the leading pictures of an open
  // GOP. Where the stream was cut from a longer one they may refer to pictures it does not hold
  // (media::leading_frames_refusal).
  std::int64_t shown_before_first_packet = 0;
  // How the stream says its rows were captured: empty where progressive or it does not say, else
  // which field comes first ("top field first"). Some interlaced streams say nothing, which only
  // their frames tell (media::interlacing).
  std::string interlacing;
  // Where its keyframes' parameter sets say the frames change pixel format part way ("from packet
  // 25 its frames are yuv444p, but the video starts as yuv420p"), which the native path cannot
  // take; empty where they keep one, or do not say (codecs other than H.264 and HEVC).
  std::string pixel_format_change;
  // The video stream read: the file's first that is not cover art (an attached picture).
  int stream_index = 0;
  int cover_art_before = 0;     // cover art streams stored before it (cv::VideoCapture would read one)
  int other_video_streams = 0;  // video streams besides it, cover art not counted
  // The file's other streams, which no output carries (outputs hold the filtered video alone):
  // "audio (aac)", "subtitle (ass)", "data", "video #1 (h264, 320x240)", "cover art (png)"
  // (dropped_streams_warning).
  std::vector<std::string> other_streams;
  // Presentation timestamps (stream time base) of every frame, in presentation order.
  std::vector<std::int64_t> frame_pts;
  // How long the last frame shown is shown (stream time base), as its packet says; 0 where it does
  // not say.
  std::int64_t last_frame_duration = 0;
  // Frames by which libavcodec's decoders, and so the ffmpeg CLI, time each frame later than
  // frame_pts: where AVI leaves packets without a presentation time and the codec holds frames
  // back to reorder them, a frame takes the time of the packet that let it out. 0 elsewhere.
  std::int64_t decoder_time_lead = 0;
  // MPEG-4 Part 2 whose packets hold two pictures at times (packed B-frames, media/packed_pictures.hpp):
  // decodable from the start only.
  bool packed_pictures = false;
  // Where decoding may restart: the packets the container flags as keyframes, each as the index
  // of the first frame a decoder restarted there puts out (its packet's place in decode order:
  // one frame per packet), ascending; frame 0, the start of the stream, first. These are
  // candidates only: a reader proves a restart by decoding (see VideoReader::seek).
  std::vector<std::int64_t> keyframes;
  // Per keyframe: its packet's byte position (-1 when the container gives none; frame 0 always
  // -1, reached by reopening) and its dts, or pts where there is no dts, to seek near it.
  std::vector<std::int64_t> keyframe_pos;
  std::vector<std::int64_t> keyframe_seek_ts;
  // Per keyframe: whether a decoder restarted there alone gives every frame from it on (an IDR,
  // media::CleanKeyframes); the others need a restart one keyframe earlier. For frame 0, whether
  // the stream's first packet is one, which matters only for a stretch cut from a longer stream.
  std::vector<bool> keyframe_clean;
  // Bytes of every frame's packet, in decode order: what segment strategies weigh chunks by
  // (strategies/segments/chunk_costs.hpp), and how a reader knows a keyframe's packet after a seek
  // from another packet the demuxer gives its position (keyframe_bytes).
  std::vector<std::int64_t> packet_bytes;

  // The keyframe at or before `frame_index`.
  std::int64_t keyframe_at_or_before(std::int64_t frame_index) const;
  // Whether keyframe `k` (an index into keyframes) is clean; false where keyframe_clean does not
  // say (a VideoInfo made without it).
  bool keyframe_is_clean(std::size_t k) const { return k < keyframe_clean.size() && keyframe_clean[k]; }
  // The bytes of keyframe `k`'s packet (an index into keyframes), or -1 where packet_bytes does
  // not say.
  std::int64_t keyframe_bytes(std::size_t k) const {
    const auto index = static_cast<std::size_t>(keyframes[k]);
    return index < packet_bytes.size() ? packet_bytes[index] : -1;
  }
  // Timestamps a reader seeks to, nearest first, to find keyframe `k`'s packet (k > 0): its own,
  // then the keyframe's before. A demuxer that parses its stream (MPEG-PS) comes out of a seek out
  // of step: the packet at the keyframe's position is the tail of the frame before, or the keyframe
  // comes glued to that tail or without its position; from a GOP earlier it is back in step.
  std::vector<std::int64_t> seek_times_for(std::size_t k) const;
  // Where a decoder restarts to reach keyframe `k`: k itself where it is clean or the start,
  // otherwise the keyframe before (the pre-roll, see VideoReader::seek).
  std::size_t restart_keyframe(std::size_t k) const { return k == 0 || keyframe_is_clean(k) ? k : k - 1; }
  // The frame a decoder restarts at to reach frame `frame_index`: the restart for the keyframe at
  // or before it (restart_keyframe); 0, the start, where no keyframe is known.
  std::int64_t restart_frame(std::int64_t frame_index) const;
};

// Throws InputError (naming the file and the cause) if the file is missing, empty, not a
// video, or has no decodable video stream.
VideoInfo probe(const std::filesystem::path& path);

// probe() of a file framebench wrote (a job's output): one it cannot read, or that it refuses
// (as a timeline that goes back), is the run's failure, not the user's input, so it throws Error
// ("the output cannot be read back: ...") where probe() throws InputError (found 7 December 2026
// by a review: the check's own probe ended `process` as bad input, exit 2).
VideoInfo probe_written(const std::filesystem::path& path);

// Why a video whose frame size changes part way is refused, in one line: `change` says where and
// to what ("frame 25 is 160x120"), the rest names the input and its first size. The probe finds it
// in the parameter sets, the reader in frames the probe could not judge.
std::string frame_size_change_refusal(const VideoInfo& info, const std::string& change);

// Empty when the input holds its video stream alone; else, for a warning line, that `output` will
// not carry the others (found 6 December 2026 by a correctness sweep: an input's audio was dropped
// by every strategy without a word, and no document said so).
std::string dropped_streams_warning(const VideoInfo& info, const std::filesystem::path& output);

}  // namespace framebench::media
