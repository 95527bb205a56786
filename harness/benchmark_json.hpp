#pragma once
// Google Benchmark 1.7.1 writes NaN and Infinity as bare words (its cv of an all-zero counter is
// 0/0), which strict JSON readers reject. Results files are made strict by writing null instead.
#include <filesystem>
#include <string>

namespace framebench::harness {

// Replaces bare NaN, -NaN, Infinity and -Infinity (outside strings) with null.
std::string strict_json(const std::string& text);

}  // namespace framebench::harness
