#pragma once
// The kernel-size sweep's reading of kernel names and its crossover rule (sweep.cpp draws it).
#include <map>
#include <optional>
#include <string>

namespace framebench::reports::charts {

// "box5" -> 5, "box:15" -> 15, "gaussian:15:2.5" -> 15; nullopt for kernels without a size in
// their name (custom).
std::optional<int> kernel_size(const std::string& kernel);
// "box5", "box:15" -> "box"; "gaussian:15" -> "gaussian"; "gaussian:15:2.5" -> "gaussian:K:2.5" (a family per sigma).
std::string kernel_family(const std::string& kernel);
// The smallest kernel size from which `fft` stays faster than `direct` at every larger size
// measured by both; nullopt if FFT is not faster at the largest common size.
std::optional<int> fft_crossover(const std::map<int, double>& fft_time, const std::map<int, double>& direct_time);

}  // namespace framebench::reports::charts
