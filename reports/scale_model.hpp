#pragma once
// What mpi-segments would do over H hosts, simulated from what one run measured here: rank 0
// hands chunks out to whichever host frees first, sending each its input over rank 0's link
// (outbound), every host filters and encodes at the measured speed, the encoded chunks come back
// over rank 0's link (inbound, full duplex), and rank 0 joins them. Assumptions: every host is
// like this machine; rank 0 coordinates for free; links carry their nominal rate; the network
// behind rank 0's link never limits; a chunk's input and output bytes are proportional to its
// frames.
#include <cstdint>
#include <string>
#include <vector>

namespace framebench::reports {

struct ResultFile;

// How the ranks get the input.
enum class InputPolicy {
  shared,     // every host reads it from shared storage: no transfer from rank 0
  whole_file, // rank 0 sends every other host the whole file before its first chunk (what chunks sent save)
  per_chunk,  // rank 0 sends each chunk's packets only (mpi-segments' send mode)
};
std::string to_string(InputPolicy policy);

// What one host does, from a measured case.
struct HostCosts {
  double frames_per_second = 0;       // the whole host working on one chunk
  double input_bytes_per_frame = 0;  // as chunks travel: with their pre-roll
  double output_bytes_per_frame = 0;
  double merge_seconds_per_output_byte = 0;
  double file_bytes_per_frame = 0;  // the input file's own average, which the whole file sent costs (0: input_bytes_per_frame)
};

struct Video {
  std::int64_t frames = 0;
  std::int64_t chunk_frames = 0;  // the last chunk may be shorter
};

// Seconds from start to the joined output.
double simulated_seconds(const HostCosts& costs, const Video& video, int hosts, double link_bytes_per_second, InputPolicy policy);
// simulated_seconds on one host over simulated_seconds on `hosts`.
double simulated_speedup(const HostCosts& costs, const Video& video, int hosts, double link_bytes_per_second, InputPolicy policy);

// A measured case a model can start from.
struct MeasuredCase {
  std::string name;
  HostCosts costs;
};
// The mpi-segments cases of a file that ran and carry what the model needs: the fps of the median
// time, the median repetition's counters frames, parts_bytes and merge_s, and the input's bytes per
// frame: input_bytes over input_frames (the chunks sent), or else input_file_bytes (older results:
// input_bytes) over frames.
std::vector<MeasuredCase> measured_cases(const ResultFile& file);

}  // namespace framebench::reports
