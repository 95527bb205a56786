#pragma once
// Helpers for media tests: fixtures made by the real ffmpeg CLI (an independent producer),
// deterministic synthetic frames, and decoding to frame hashes.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/frame.hpp"

namespace framebench::media::testing {

// Runs `ffmpeg -nostdin -hide_banner -loglevel error -y ARGS...`; throws if it fails.
void run_ffmpeg(const std::vector<std::string>& args);
// Runs `ffprobe -v error ARGS...` and returns its stdout.
std::string run_ffprobe(const std::vector<std::string>& args);

// A clip of `frames` frames made by the CLI: `-f lavfi -i SOURCE=size=WxH:rate=R -frames:v N
// CODEC_ARGS... OUT`. testsrc2 rounds odd sizes down to even ones; testsrc keeps them.
void make_cli_clip(const std::filesystem::path& out, int width, int height, const std::string& rate, int frames,
                   const std::vector<std::string>& codec_args, const std::string& source = "testsrc2");

// Noise over a moving gradient: hard to compress, different every frame, same for the same index.
Frame pattern_frame(int width, int height, int index);

// XXH3 hash of every frame a VideoReader decodes, in order.
std::vector<std::uint64_t> decode_hashes(const std::filesystem::path& file, int threads = 1);

}  // namespace framebench::media::testing
