#pragma once
// The stages a run's time is booked to. Strategies report busy seconds per stage, results carry
// them as `<stage>_s` counters, and tables list them: all use this one list (charts stack them in
// pipeline order, reports/charts/stages.cpp).
#include <array>
#include <string_view>

namespace framebench {

enum class Stage { decode, filter, encode, transfer, merge, upload, kernel, download };

// Every stage in the order results and tables list them.
inline constexpr std::array<Stage, 8> kAllStages = {Stage::decode,   Stage::filter, Stage::encode, Stage::transfer,
                                                    Stage::merge,    Stage::upload, Stage::kernel, Stage::download};
// The stages every result records (0 when a strategy has none); the GPU ones appear when used.
inline constexpr std::array<Stage, 5> kCpuStages = {Stage::decode, Stage::filter, Stage::encode, Stage::transfer, Stage::merge};

constexpr std::string_view stage_name(Stage s) {
  constexpr std::array<std::string_view, 8> names = {"decode", "filter", "encode", "transfer", "merge", "upload", "kernel", "download"};
  return names[static_cast<int>(s)];
}

}  // namespace framebench
