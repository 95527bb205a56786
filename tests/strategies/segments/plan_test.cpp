#include "strategies/segments/plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "strategies/segments/chunk_costs.hpp"

namespace framebench::strategies {
namespace {

// Every keyframe clean (an IDR, as x264 writes them), every frame's packet alike.
media::VideoInfo clip(std::int64_t frames, std::vector<std::int64_t> keyframes) {
  media::VideoInfo info;
  info.path = "clip.mp4";
  info.frame_count = frames;
  info.keyframe_clean.assign(keyframes.size(), true);
  info.keyframes = std::move(keyframes);
  return info;
}

// [first, first + count) of each segment.
std::vector<std::pair<std::int64_t, std::int64_t>> ranges(const std::vector<Segment>& segments) {
  std::vector<std::pair<std::int64_t, std::int64_t>> r;
  for (const auto& s : segments) r.emplace_back(s.first, s.first + s.count);
  return r;
}

using Ranges = std::vector<std::pair<std::int64_t, std::int64_t>>;

void expect_covers_in_order(const std::vector<Segment>& segments, std::int64_t frames) {
  std::int64_t next = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    EXPECT_EQ(segments[i].index, static_cast<int>(i));
    EXPECT_EQ(segments[i].first, next) << "segment " << i;
    EXPECT_GE(segments[i].count, 1) << "segment " << i;
    EXPECT_EQ(segments[i].last(), segments[i].first + segments[i].count - 1);
    next += segments[i].count;
  }
  EXPECT_EQ(next, frames);
}

TEST(SegmentPlan, ExactSplitsIntoNearEqualRangesCoveringEveryFrame) {
  for (const std::int64_t frames : {1, 7, 10, 101, 1000})
    for (const int wanted : {1, 2, 3, 4, 7, 16}) {
      const auto segments = plan_segments(clip(frames, {0}), wanted, "exact");
      SCOPED_TRACE(std::to_string(frames) + " frames, " + std::to_string(wanted) + " wanted");
      EXPECT_EQ(segments.size(), static_cast<std::size_t>(std::min<std::int64_t>(frames, wanted)));
      expect_covers_in_order(segments, frames);
      const auto [shortest, longest] = std::minmax_element(segments.begin(), segments.end(),
                                                           [](const Segment& a, const Segment& b) { return a.count < b.count; });
      EXPECT_LE(longest->count - shortest->count, 1);
    }
  EXPECT_EQ(ranges(plan_segments(clip(10, {0}), 4, "exact")), (Ranges{{0, 2}, {2, 5}, {5, 7}, {7, 10}}));
}

TEST(SegmentPlan, KeyframeSplitCutsAtTheNearestKeyframeTiesToTheEarlier) {
  // Exact cuts would be 25, 50 and 75: 25 is as far from 24 as from 26, 50 and 75 are keyframes.
  EXPECT_EQ(ranges(plan_segments(clip(100, {0, 24, 26, 50, 75}), 4, "keyframe")),
            (Ranges{{0, 24}, {24, 50}, {50, 75}, {75, 100}}));
  // 30 is nearer 40 than 0; 60 is nearer 40 than 89, and 40 is already a cut.
  EXPECT_EQ(ranges(plan_segments(clip(90, {0, 40, 89}), 3, "keyframe")), (Ranges{{0, 40}, {40, 90}}));
}

TEST(SegmentPlan, KeyframeSplitNeverCutsElsewhere) {
  const std::vector<std::int64_t> keyframes = {0, 13, 29, 30, 61, 77, 98};
  for (const int wanted : {2, 3, 5, 8, 20}) {
    const auto segments = plan_segments(clip(120, keyframes), wanted, "keyframe");
    expect_covers_in_order(segments, 120);
    EXPECT_LE(segments.size(), static_cast<std::size_t>(wanted));
    for (const auto& s : segments) EXPECT_TRUE(std::binary_search(keyframes.begin(), keyframes.end(), s.first)) << s.first;
  }
}

TEST(SegmentPlan, OneKeyframeOrNoneGivesOneSegment) {
  EXPECT_EQ(ranges(plan_segments(clip(50, {0}), 4, "keyframe")), (Ranges{{0, 50}}));
  EXPECT_EQ(ranges(plan_segments(clip(50, {}), 4, "keyframe")), (Ranges{{0, 50}}));
}

TEST(SegmentPlan, BadSplitOrNoFramesAreInputErrors) {
  try {
    plan_segments(clip(10, {0}), 2, "gop");
    FAIL() << "accepted split 'gop'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'gop'"), std::string::npos) << e.what();
  }
  try {
    plan_segments(clip(0, {}), 2, "exact");
    FAIL() << "split a clip without frames";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("clip.mp4"), std::string::npos) << e.what();
  }
}

Job job_of(int workers, int segments, std::int64_t frames) {
  Job job;
  job.input_info = clip(frames, {0});
  job.workers = workers;
  job.options.segments = segments;
  job.options.split = "exact";
  return job;
}

TEST(SegmentPlan, JobPlanSharesTheCoreBudget) {
  struct Case {
    int workers, segments;
    std::int64_t frames;
    std::size_t planned;
    int parallel, threads;
  };
  for (const Case& c : {
           Case{4, 0, 100, 4, 4, 1},  // 4 s of video is less than one 10 s chunk: never fewer than the workers
           Case{4, 2, 100, 2, 2, 2},  // fewer segments than workers: more threads each
           Case{3, 8, 100, 8, 3, 1},  // more segments than workers: handed out as workers free up
           Case{8, 0, 2, 2, 2, 4},    // fewer frames than workers
           Case{1, 0, 100, 1, 1, 1},
           Case{2, 0, 1000, 2, 2, 1},  // 40 s but one GOP: chunks of 8 GOPs would be the whole clip
       }) {
    const auto plan = plan_job_segments(job_of(c.workers, c.segments, c.frames));
    SCOPED_TRACE(std::to_string(c.workers) + " workers, " + std::to_string(c.segments) + " segments");
    EXPECT_EQ(plan.segments.size(), c.planned);
    EXPECT_EQ(plan.parallel, c.parallel);
    EXPECT_EQ(plan.threads, c.threads);
  }
}

// A clip with a keyframe every `gop` frames.
media::VideoInfo gop_clip(std::int64_t frames, std::int64_t gop, int fps = 30) {
  std::vector<std::int64_t> keyframes;
  for (std::int64_t k = 0; k < frames; k += gop) keyframes.push_back(k);
  auto info = clip(frames, keyframes);
  info.frame_rate = {fps, 1};
  return info;
}

TEST(SegmentPlan, AutoSplitCutsAtNearKeyframesAndExactlyWhereNoneIsNear) {
  // 240 frames, a keyframe every 48, 2 chunks for 2 workers: the second chunk decodes from
  // keyframe 96 and throws those frames away (kDecodeShare of a frame's work each), so the even
  // share of the work ends past frame 120: at 126, where 126 = 114 + 30 * 0.38 to within a
  // frame. Keyframe cuts give 96 and 144 frames, which cap two workers at 240 / 144 = 1.67x.
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 48), 2, "auto", 2)), (Ranges{{0, 126}, {126, 240}}));
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 48), 2, "keyframe", 2)), (Ranges{{0, 96}, {96, 240}}));
  // 4 chunks of 60 for 2 workers. Before the last round, 48 is 12 frames away from 60, more than
  // 60 / 8, and 96 and 144 are 24 away from 120: both cut exactly. The last round splits the
  // rest and the pre-roll from 96 evenly: 63 frames + 24 * 0.38 against 57 frames + 39 * 0.38.
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 48), 4, "auto", 2)), (Ranges{{0, 60}, {60, 120}, {120, 183}, {183, 240}}));
  // The last round's share ends at 168, as far from 144 as from 192: ties go to the earlier.
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 48), 4, "keyframe", 2)), (Ranges{{0, 48}, {48, 96}, {96, 144}, {144, 240}}));
  // 10 chunks of 100 frames of a 1000-frame clip for 2 workers: keyframes within 12 frames are
  // taken (96, 192, 288, 384...), the rest cut exactly.
  const auto ten = plan_segments(gop_clip(1000, 48), 10, "auto", 2);
  EXPECT_EQ(ten[1].first, 96);
  EXPECT_EQ(ten[2].first, 192);
  EXPECT_EQ(ten[5].first, 500);  // 480 and 528 are 20 away
  // Keyframes where the even cuts are: auto cuts exactly there.
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 30), 4, "auto", 2)), (Ranges{{0, 60}, {60, 120}, {120, 180}, {180, 240}}));
  EXPECT_EQ(ranges(plan_segments(gop_clip(240, 30), 2, "auto", 2)), (Ranges{{0, 120}, {120, 240}}));
}

// Packets of `small` bytes for the first half of the frames and `large` for the rest.
media::VideoInfo heavier_second_half(media::VideoInfo info, std::int64_t small, std::int64_t large) {
  for (std::int64_t i = 0; i < info.frame_count; ++i) info.packet_bytes.push_back(i < info.frame_count / 2 ? small : large);
  return info;
}

TEST(SegmentPlan, ChunksShareTheWorkWhereFramesDifferInBytes) {
  // Every frame a clean keyframe, so nothing is thrown away: the second half's frames decode
  // from three times the bytes. Mean 2000: a first-half frame costs 0.62 + 0.38 / 2 = 0.81 of a
  // mean frame, a second-half one 0.62 + 0.38 * 1.5 = 1.19. 240 frames of work in two shares of
  // 120: 120 * 0.81 = 97.2, and 19 more frames of 1.19 make 119.8.
  const auto info = heavier_second_half(gop_clip(240, 1), 1000, 3000);
  EXPECT_EQ(ranges(plan_segments(info, 2, "auto", 2)), (Ranges{{0, 139}, {139, 240}}));
  EXPECT_EQ(ranges(plan_segments(info, 2, "keyframe", 2)), (Ranges{{0, 139}, {139, 240}}));
  EXPECT_EQ(ranges(plan_segments(info, 2, "exact", 2)), (Ranges{{0, 120}, {120, 240}}));  // frames, not work
}

TEST(SegmentPlan, TheLastRoundCutsExactlyWhereANearKeyframeWouldLeaveAWorkerTheTail) {
  // Keyframes at 0, 100 and 135 of 240 frames, 2 workers. The work splits evenly at 125, counting
  // the second chunk's 25 frames of pre-roll from keyframe 100. Keyframe 135 is within an eighth
  // of a chunk of it, but cutting there would give the first worker 135 frames' work against 105,
  // while cutting at 125 gives 125 against 115 + 25 * 0.38 = 124.5.
  const auto info = clip(240, {0, 100, 135});
  EXPECT_EQ(ranges(plan_segments(info, 2, "auto", 2)), (Ranges{{0, 125}, {125, 240}}));
  // Where the near keyframe does finish sooner, it is taken: keyframes every frame of the second
  // half's three times the bytes (heavier_second_half: 0.81 against 1.19 of a mean frame's
  // work), every 48 frames: the even cut at 139 would decode 43 frames from keyframe 96 and throw
  // them away, so keyframe 144 (125.8 against 114.2) finishes first.
  const auto heavy = heavier_second_half(gop_clip(240, 48), 1000, 3000);
  EXPECT_EQ(ranges(plan_segments(heavy, 2, "auto", 2)), (Ranges{{0, 144}, {144, 240}}));
}

TEST(SegmentPlan, OneKeyframeStillGivesEveryWorkerAChunk) {
  // A short clip with a keyframe only at 0 (x264's default keyint is 250): the second chunk's
  // decoder starts at frame 0 whatever the cut, and may throw away at most a chunk (120 frames).
  EXPECT_EQ(ranges(plan_segments(clip(240, {0}), 2, "auto", 2)), (Ranges{{0, 120}, {120, 240}}));
  // For 3 workers only frame 80 is within a chunk of frame 0, and 80 and 160 frames (with 80 of
  // pre-roll) finish later than the two workers' plan: that one is kept.
  EXPECT_EQ(ranges(plan_segments(clip(240, {0}), 3, "auto", 3)), (Ranges{{0, 120}, {120, 240}}));
  // A keyframe at 250 of 300 frames: not at 250 (250 against 50), but as near the even share as
  // a chunk's pre-roll allows.
  const auto late = plan_segments(clip(300, {0, 250}), 2, "auto", 2);
  ASSERT_EQ(late.size(), 2u);
  EXPECT_EQ(late[1].first, 150);
}

// Found 5 December 2026 by a sweep: more chunks wanted than half the frames, on a clip with one
// keyframe, left no cut (a chunk's pre-roll was held to a frame), so one worker did everything.
TEST(SegmentPlan, ManyChunksWantedStillGiveEveryWorkerOne) {
  for (const int wanted : {2, 26, 51, 100}) {
    const auto segments = plan_segments(clip(50, {0}), wanted, "auto", 2);
    expect_covers_in_order(segments, 50);
    ASSERT_GE(segments.size(), 2u) << wanted << " wanted";
    for (const auto& seg : segments) EXPECT_LE(seg.count, 26) << wanted << " wanted: " << seg.first;
  }
}

// Found 7 December 2026: 4 chunks wanted of a 300-frame clip with one keyframe, for 2 workers,
// gave 75, 37 and 188 frames (pre-rolls held the cuts back), and the last chunk went to the worker
// that had the second: one worker did 0.99 of the single-core work, and the run took 1.3x the
// time of 2 chunks. The plan of as many chunks as could be cut, handed out as the workers do, is
// kept where it finishes first.
TEST(SegmentPlan, FarKeyframesGiveThePlanWhoseHandoutFinishesFirst) {
  for (const int wanted : {3, 4, 8})
    EXPECT_EQ(ranges(plan_segments(clip(300, {0}), wanted, "auto", 2)), (Ranges{{0, 150}, {150, 300}})) << wanted << " wanted";
  // Where keyframes are near, every chunk wanted is cut, as before.
  EXPECT_EQ(plan_segments(gop_clip(480, 24), 8, "auto", 2).size(), 8u);
  // Found 7 December 2026 by a review: a keyframe of 11 frames' bytes pulled every wanted cut in,
  // 72, 3, 37 and 188 frames, and one worker did most of the work.
  auto heavy_key = clip(300, {0});
  heavy_key.packet_bytes.assign(300, 1000);
  heavy_key.packet_bytes[0] = 11000;
  const auto segments = plan_segments(heavy_key, 4, "auto", 2);
  expect_covers_in_order(segments, 300);
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_NEAR(static_cast<double>(segments[1].first), 150, 10);
}

TEST(SegmentPlan, TheLastRoundNeverLeavesAWorkerASliver) {
  // Keyframes at 0 and 250 of 500 frames, 4 workers: no chunk of a frame or two.
  const auto segments = plan_segments(clip(500, {0, 250}), 4, "auto", 4);
  expect_covers_in_order(segments, 500);
  EXPECT_EQ(segments.size(), 4u);
  for (const auto& s : segments) EXPECT_GE(s.count, 40) << s.first;
}

TEST(SegmentPlan, AutoSplitNeverDiscardsMoreThanAChunkToReachACut) {
  for (const std::int64_t gop : {1, 7, 30, 48, 250, 1000})
    for (const int wanted : {2, 3, 8, 40}) {
      const auto info = gop_clip(500, gop);
      const auto segments = plan_segments(info, wanted, "auto");
      SCOPED_TRACE("gop " + std::to_string(gop) + ", " + std::to_string(wanted) + " wanted");
      expect_covers_in_order(segments, 500);
      EXPECT_LE(segments.size(), static_cast<std::size_t>(wanted));
      for (const auto& s : segments) {
        const bool at_keyframe = s.first % gop == 0;
        EXPECT_TRUE(at_keyframe || s.first % gop <= 500 / static_cast<std::int64_t>(segments.size())) << s.first;
      }
    }
}

TEST(SegmentPlan, ChunksFollowChunkSecondsAndNeverFewerThanWorkers) {
  StrategyOptions options;
  options.chunk_seconds = 2;
  EXPECT_EQ(chunks_wanted(gop_clip(240, 48), options, 2, "auto"), 4);    // 8 s at 30 fps
  EXPECT_EQ(chunks_wanted(gop_clip(240, 48), options, 8, "auto"), 8);    // more workers than 2 s chunks
  EXPECT_EQ(chunks_wanted(gop_clip(241, 48), options, 2, "auto"), 5);    // a partial chunk is a chunk
  EXPECT_EQ(chunks_wanted(gop_clip(36000, 48), options, 2, "auto"), 600);  // 20 minutes
  options.chunk_seconds = 0.5;
  EXPECT_EQ(chunks_wanted(gop_clip(240, 48), options, 2, "auto"), 16);
  options.segments = 3;  // a count, when given, wins
  EXPECT_EQ(chunks_wanted(gop_clip(240, 48), options, 2, "auto"), 3);
}

TEST(SegmentPlan, ChunksAreAtLeastEightGops) {
  // 20 minutes at 25 fps with a keyframe every 250 frames: 10 s chunks would restart a decoder a
  // GOP early every GOP, doubling the decoding; 8 GOPs a chunk is 2000 frames.
  StrategyOptions options;  // chunk_seconds 0: automatic
  EXPECT_EQ(chunks_wanted(gop_clip(30000, 250, 25), options, 2, "auto"), 15);
  EXPECT_EQ(chunks_wanted(gop_clip(30000, 25, 25), options, 2, "auto"), 120);  // short GOPs: 10 s chunks
  options.chunk_seconds = 10;  // asked for: taken as it is
  EXPECT_EQ(chunks_wanted(gop_clip(30000, 250, 25), options, 2, "auto"), 120);
}

TEST(SegmentPlan, ChunksCutAtCleanKeyframesAreTenSeconds) {
  // Cut only at keyframes that are all IDRs, no chunk decodes a frame it throws away, so chunks
  // need not be long: a finished chunk waiting for its turn holds its packets, so 10 s, not 80.
  StrategyOptions options;
  auto info = gop_clip(30000, 250, 25);
  EXPECT_EQ(chunks_wanted(info, options, 2, "keyframe"), 120);
  EXPECT_EQ(chunks_wanted(info, options, 2, "auto"), 15);  // may cut exactly: a pre-roll each
  info.keyframe_clean[60] = false;  // one open-GOP keyframe: a chunk cut there decodes a GOP early
  EXPECT_EQ(chunks_wanted(info, options, 2, "keyframe"), 15);
  info.keyframe_clean[0] = false;  // the start is no restart: no chunk begins there after a pre-roll
  info.keyframe_clean[60] = true;
  EXPECT_EQ(chunks_wanted(info, options, 2, "keyframe"), 120);
}

// What a worker and in-memory's parent hold is a few chunks: the longest chunk must not grow with
// the input's length. By default, at 30 fps with a keyframe every 48 frames, a chunk is 8 GOPs
// (384 frames, more than 10 s), and a cut moves by at most an eighth of that to a keyframe.
TEST(SegmentPlan, LongestChunkDoesNotGrowWithInputLength) {
  for (const std::int64_t frames : {240, 2400, 36000}) {
    Job job;
    job.input_info = gop_clip(frames, 48);
    job.workers = 2;
    const auto plan = plan_job_segments(job);
    SCOPED_TRACE(std::to_string(frames) + " frames");
    expect_covers_in_order(plan.segments, frames);
    EXPECT_EQ(plan.segments.size(), std::max<std::size_t>(2, static_cast<std::size_t>((frames + 383) / 384)));
    RunReport report;
    record_plan(plan, report);
    EXPECT_EQ(report.chunks, static_cast<std::int64_t>(plan.segments.size()));
    EXPECT_LE(report.chunk_frames_max, 384 + 2 * 384 / 8);
    EXPECT_GE(report.chunk_frames_min, 1);
  }
}

}  // namespace
}  // namespace framebench::strategies
