#include "reports/scale_model.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/result_text.hpp"
#include "harness/statistics.hpp"
#include "reports/result_file.hpp"

namespace framebench::reports {

std::string to_string(InputPolicy policy) {
  switch (policy) {
    case InputPolicy::shared: return "shared storage";
    case InputPolicy::whole_file: return "whole file sent";
    case InputPolicy::per_chunk: return "chunks sent";
  }
  return "?";
}

double simulated_seconds(const HostCosts& costs, const Video& video, int hosts, double link_bytes_per_second, InputPolicy policy) {
  const auto n = static_cast<std::size_t>(std::max(1, hosts));
  // (when a host can take its next chunk, the host), earliest first, the lower host on a tie;
  // host 0 is rank 0. A heap: 10^5 hosts times 10^6 chunks searched in turn took minutes.
  using Free = std::pair<double, std::size_t>;
  std::priority_queue<Free, std::vector<Free>, std::greater<>> free_at;
  for (std::size_t h = 0; h < n; ++h) free_at.push({0.0, h});
  std::vector<bool> has_input(n, false);
  double outbound_free = 0, inbound_free = 0, end = 0;
  // The whole file is the file's bytes; chunks sent carry their pre-roll too (found 6 December
  // 2026 by a sweep of scale-model: the whole file came out 24% larger than it is).
  const double file_bytes_per_frame = costs.file_bytes_per_frame > 0 ? costs.file_bytes_per_frame : costs.input_bytes_per_frame;
  const double input_total = file_bytes_per_frame * static_cast<double>(video.frames);
  std::int64_t chunk = 0;
  for (std::int64_t first = 0; first < video.frames; first += video.chunk_frames) {
    if (++chunk % 65536 == 0) throw_if_interrupted();
    const double frames = static_cast<double>(std::min(video.chunk_frames, video.frames - first));
    // Rank 0 hands the next chunk to the host that frees first.
    auto [t, h] = free_at.top();
    free_at.pop();
    if (h != 0 && policy != InputPolicy::shared) {
      const double bytes = policy == InputPolicy::per_chunk ? frames * costs.input_bytes_per_frame : has_input[h] ? 0 : input_total;
      if (bytes > 0) t = outbound_free = std::max(t, outbound_free) + bytes / link_bytes_per_second;
      has_input[h] = true;
    }
    t += frames / costs.frames_per_second;
    if (h != 0) t = inbound_free = std::max(t, inbound_free) + frames * costs.output_bytes_per_frame / link_bytes_per_second;
    free_at.push({t, h});
    end = std::max(end, t);
  }
  return end + costs.merge_seconds_per_output_byte * costs.output_bytes_per_frame * static_cast<double>(video.frames);
}

double simulated_speedup(const HostCosts& costs, const Video& video, int hosts, double link_bytes_per_second, InputPolicy policy) {
  return simulated_seconds(costs, video, 1, link_bytes_per_second, policy) /
         simulated_seconds(costs, video, hosts, link_bytes_per_second, policy);
}

namespace {

// mpi-segments' label names each rank's host: "rank 0: node1, rank 1: node2".
std::size_t hosts_in_label(const std::string& label) {
  std::set<std::string> hosts;
  for (std::size_t start = 0; start < label.size();) {
    const auto end = std::min(label.find(", rank ", start), label.size());
    const std::string entry = label.substr(start, end - start);
    if (const auto colon = entry.find(": "); entry.starts_with("rank ") && colon != std::string::npos) hosts.insert(entry.substr(colon + 2));
    start = end == label.size() ? end : end + 2;
  }
  return hosts.size();
}

}  // namespace

std::vector<MeasuredCase> measured_cases(const ResultFile& file) {
  std::vector<MeasuredCase> found;
  for (const auto& c : file.cases) {
    if (c.failed || c.param("strategy") != "mpi-segments") continue;
    const Repetition* r = c.median_repetition();
    if (!r) continue;
    const auto counter = [&](const char* name) { return r->counters.count(name) ? r->counters.at(name) : 0.0; };
    const double frames = counter("frames");
    // Sent chunks carry their pre-roll, so their bytes per frame are the ones that travel. Without
    // any (shared input, or results from before chunks were sent, whose input_bytes is the file),
    // the file's average.
    const double input_file_bytes = counter("input_file_bytes") > 0 ? counter("input_file_bytes") : counter("input_bytes");
    const double input_bytes_per_frame =
        counter("input_frames") > 0 ? counter("input_bytes") / counter("input_frames") : input_file_bytes / std::max(frames, 1.0);
    if (frames <= 0 || r->real_time_s <= 0 || input_bytes_per_frame <= 0 || counter("parts_bytes") <= 0) continue;
    // The model's host is the machine the case ran on: one measured across hosts would give their
    // sum as one host's speed (found 6 December 2026 by a sweep of scale-model: two hosts' fps taken
    // as one's).
    if (const auto hosts = hosts_in_label(r->label); hosts > 1)
      throw InputError(fmt::format("{}: {}: measured across {} hosts ({}); the model takes a case measured on one machine (its ranks "
                                   "on one host), whose speed it gives each host",
                                   file.path.string(), c.name, hosts, one_printable_line(r->label)));
    if (!r->counters.count("merge_s"))
      throw InputError(fmt::format("{}: {}: no merge_s counter, which every mpi-segments result records: the join's cost is unknown",
                                   file.path.string(), c.name));
    MeasuredCase m{c.name, {}};
    if (frames > 0 && counter("input_file_bytes") > 0) m.costs.file_bytes_per_frame = counter("input_file_bytes") / frames;
    // The median time itself: of an even count, the median repetition is the faster middle one
    // (found 6 December 2026 by a documentation walk-through: 141.7 fps against a median of 130.7).
    m.costs.frames_per_second = frames / harness::median(c.times_s());
    m.costs.input_bytes_per_frame = input_bytes_per_frame;
    m.costs.output_bytes_per_frame = counter("parts_bytes") / frames;
    m.costs.merge_seconds_per_output_byte = counter("merge_s") / counter("parts_bytes");
    // Each counter within its bounds can still make costs past any machine's (a hand-edited file:
    // frames 1e-300 gave a 300-digit byte count, found 6 December 2026 by a sweep of the reports).
    const auto sane = [](double v) { return std::isfinite(v) && v >= 0 && v < 1e15; };
    if (frames < 1 || (counter("input_frames") > 0 && counter("input_frames") < 1) || !sane(m.costs.frames_per_second) ||
        !sane(m.costs.input_bytes_per_frame) || !sane(m.costs.output_bytes_per_frame) || !sane(m.costs.merge_seconds_per_output_byte))
      throw InputError(fmt::format("{}: {}: its counters (frames {:g}, input_frames {:g}, input_bytes {:g}, parts_bytes {:g}, merge_s {:g}) "
                                   "give no cost a machine could have",
                                   file.path.string(), c.name, frames, counter("input_frames"), counter("input_bytes"),
                                   counter("parts_bytes"), counter("merge_s")));
    found.push_back(m);
  }
  return found;
}

}  // namespace framebench::reports
