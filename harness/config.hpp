#pragma once
// An experiment file (configs/*.toml): what to run, how often, and how to verify it.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/config_source.hpp"
#include "harness/measurement_policy.hpp"
#include "strategies/strategy.hpp"

namespace framebench::harness {

enum class VerifyMode { exact, psnr, automatic, off };

struct VerifySettings {
  VerifyMode mode = VerifyMode::automatic;  // exact for lossless encoders, PSNR otherwise
  double min_psnr_db = 40;
};

struct Matrix {
  std::vector<std::string> dataset;
  std::vector<std::string> strategy;
  std::vector<std::string> kernel;
  std::vector<std::string> encoder{"x264-ultrafast"};
  std::vector<int> workers{0};
  std::vector<PixelPath> pixel_format{PixelPath::bgr24};
};

// The file's header (path, name, description, text, hash) is its ConfigSource.
struct ExperimentConfig : ConfigSource {
  std::optional<int> repetitions;  // if the file sets it: exactly this many rounds (no stopping rule)
  int warmup = 1;
  MeasurementPolicy measure;
  Matrix matrix;
  VerifySettings verify;
  strategies::StrategyOptions options;
};

// Throws InputError "<file>: <key>: <what is wrong>" for unknown keys (with the closest valid
// key suggested), wrong types, bad values and TOML syntax errors (with line and column).
ExperimentConfig load_config(const std::filesystem::path& file);
ExperimentConfig parse_config(std::string text, const std::filesystem::path& file_for_messages);

std::string to_string(VerifyMode mode);

}  // namespace framebench::harness
