#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "cli/command.hpp"
#include "core/error.hpp"
#include "reports/result_file.hpp"
#include "reports/scale_model.hpp"

namespace framebench::cli {

namespace {

struct ScaleModelOptions {
  std::string results;
  double hours = 2;
  double rate = 25;
  double chunk_seconds = 10;
  std::vector<double> gbits = {1, 10};
  std::vector<int> hosts = {1, 2, 4, 8, 16, 32, 64};
  std::optional<double> host_fps;  // instead of the measured speed (a quieter or faster machine)
};

int scale_model(const ScaleModelOptions& o) {
  const auto file = reports::load_result_file(o.results);
  const auto cases = reports::measured_cases(file);
  if (cases.empty()) {
    // Found 6 December 2026 by a sweep of scale-model: a file whose mpi-segments cases failed was
    // told to run one.
    const bool some_failed = std::any_of(file.cases.begin(), file.cases.end(),
                                         [](const reports::CaseResult& c) { return c.failed && c.param("strategy") == "mpi-segments"; });
    throw InputError(fmt::format("{}: {}", o.results,
                                 some_failed ? "its mpi-segments cases failed: there is no measured case to model"
                                             : "no mpi-segments case with input and parts_bytes counters (run one under mpirun)"));
  }
  const reports::Video video{static_cast<std::int64_t>(std::llround(o.hours * 3600 * o.rate)),
                             std::max<std::int64_t>(1, std::llround(o.chunk_seconds * o.rate))};
  // Found 5 December 2026 by a hostile-input sweep: 0 frames gave a table of -nan, exit 0.
  if (video.frames < 1)
    throw InputError(fmt::format("--hours {:g} at --rate {:g} is {:g} frames: less than one to model", o.hours, o.rate, o.hours * 3600 * o.rate));
  // Each host count simulates every chunk: past this, a table takes minutes.
  constexpr std::int64_t kMaxChunks = 10'000'000;
  if (const std::int64_t chunks = (video.frames + video.chunk_frames - 1) / video.chunk_frames; chunks > kMaxChunks)
    throw InputError(fmt::format("--hours {:g} at --rate {:g} in chunks of --chunk-seconds {:g} makes {} chunks; at most {} are "
                                 "modelled: give longer chunks",
                                 o.hours, o.rate, o.chunk_seconds, chunks, kMaxChunks));
  const reports::InputPolicy policies[] = {reports::InputPolicy::shared, reports::InputPolicy::whole_file, reports::InputPolicy::per_chunk};
  for (auto c : cases) {
    if (o.host_fps) c.costs.frames_per_second = *o.host_fps;
    fmt::print("{}\n  {}: {:.1f} fps per host, {:.0f} input and {:.0f} output bytes per frame, join {:.2f} s per GB\n", c.name,
               o.host_fps ? "measured (speed set by --host-fps)" : "measured", c.costs.frames_per_second, c.costs.input_bytes_per_frame, c.costs.output_bytes_per_frame,
               c.costs.merge_seconds_per_output_byte * 1e9);
    fmt::print("  a {:g} h video at {:g} fps ({} frames) in chunks of {} frames; one host: {:.0f} s\n", o.hours, o.rate, video.frames,
               video.chunk_frames, reports::simulated_seconds(c.costs, video, 1, 1e9, reports::InputPolicy::shared));
    std::string header = "| hosts |", rule = "|---:|";
    for (const double g : o.gbits)
      for (const auto p : policies) header += fmt::format(" {:g} Gbit/s, {} |", g, to_string(p)), rule += "---:|";
    fmt::print("\n{}\n{}\n", header, rule);
    for (const int h : o.hosts) {
      std::string row = fmt::format("| {} |", h);
      for (const double g : o.gbits)
        for (const auto p : policies) row += fmt::format(" {:.1f} |", reports::simulated_speedup(c.costs, video, h, g * 1e9 / 8, p));
      fmt::print("{}\n", row);
    }
    fmt::print("\n");
  }
  return 0;
}

}  // namespace

void add_scale_model_command(CLI::App& app, CommandAction& action) {
  auto* sub = app.add_subcommand("scale-model",
                                 "Simulate mpi-segments over many hosts from an mpi-segments case measured here: speedup per host count "
                                 "and link speed (reports/scale_model.hpp states the assumptions)");
  auto o = std::make_shared<ScaleModelOptions>();
  sub->add_option("results", o->results, "result file with an mpi-segments case (framebench run under mpirun)")->required()->check(non_empty_path());
  sub->add_option("--hours", o->hours, "length of the modelled video")->check(finite_range(0.001, 1000.0))->capture_default_str();
  sub->add_option("--rate", o->rate, "its frames per second")->check(finite_range(0.1, 1000.0))->capture_default_str();
  sub->add_option("--chunk-seconds", o->chunk_seconds, "video seconds per chunk")->check(finite_range(0.01, 100000.0))->capture_default_str();
  sub->add_option("--gbits", o->gbits, "rank 0's link speeds, Gbit/s")->check(finite_range(0.001, 10000.0))->capture_default_str();
  sub->add_option("--host-fps", o->host_fps, "frames per second of one host, instead of the measured speed")->check(finite_range(0.001, 1e9));
  sub->add_option("--hosts", o->hosts, "host counts")->check(whole_range(1, 100000))->capture_default_str();
  sub->callback([&action, o] { action = [o] { return scale_model(*o); }; });
}

}  // namespace framebench::cli
