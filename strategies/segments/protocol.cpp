#include "strategies/segments/protocol.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/core_budget.hpp"
#include "core/error.hpp"
#include "core/frame.hpp"
#include "core/stages.hpp"
#include "core/subprocess.hpp"
#include "media/encoder.hpp"

namespace framebench::strategies {
using nlohmann::json;

namespace {

constexpr std::size_t kHeaderBytes = 1 + sizeof(std::uint64_t);
// Bounds on what a job may ask for, far above any real input, so that a corrupt message fails
// in one line instead of exhausting memory (a kMaxFrameSide-square BGR frame is 768 MiB).
// An encoded packet larger than this is not a packet of any input framebench reads.
constexpr std::uint64_t kMaxRecordBytes = std::uint64_t{1} << 30;

constexpr std::array<std::pair<WorkerJob::Kind, const char*>, 3> kKindNames = {{
    {WorkerJob::Kind::segment_to_part_file, "segment_to_part_file"},
    {WorkerJob::Kind::segment_to_packets, "segment_to_packets"},
    {WorkerJob::Kind::opencv_videoio, "opencv_videoio"},
}};

const char* kind_name(WorkerJob::Kind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  throw Error(fmt::format("worker job kind {} has no name", static_cast<int>(kind)));
}

WorkerJob::Kind kind_named(const std::string& name) {
  for (const auto& [k, n] : kKindNames)
    if (name == n) return k;
  throw InputError(fmt::format("unknown kind '{}'", name));
}

// nlohmann converts a float to an integer with a plain cast, undefined behaviour when it is out
// of range (1e104 as int64, found by fuzzing): integers are read from JSON integers only, and
// must fit their type.
template <typename T>
T integer(const json& j, std::string_view what) {
  const bool fits = j.is_number_unsigned() ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<T>::max())
                    : j.is_number_integer() ? j.get<std::int64_t>() >= std::numeric_limits<T>::min() &&
                                                  j.get<std::int64_t>() <= std::numeric_limits<T>::max()
                                            : false;
  if (!fits) throw InputError(fmt::format("{}: {} is not an integer of {} bits", what, j.dump(), sizeof(T) * 8));
  return static_cast<T>(j.is_number_unsigned() ? static_cast<std::int64_t>(j.get<std::uint64_t>()) : j.get<std::int64_t>());
}

template <typename T>
std::vector<T> integers(const json& j, std::string_view what) {
  if (!j.is_array()) throw InputError(fmt::format("{} is not an array", what));
  std::vector<T> out;
  out.reserve(j.size());
  for (const json& v : j) out.push_back(integer<T>(v, what));
  return out;
}

json rational(media::Rational r) { return json::array({r.num, r.den}); }
media::Rational rational(const json& j, std::string_view what) { return {integer<int>(j.at(0), what), integer<int>(j.at(1), what)}; }

json input_json(const media::VideoInfo& i) {
  json j = {{"path", i.path.string()},        {"container", i.container},    {"codec", i.codec},
          {"pixel_format", i.pixel_format}, {"width", i.width},            {"height", i.height},
          {"frame_rate", rational(i.frame_rate)}, {"time_base", rational(i.time_base)},
          {"frame_count", i.frame_count},   {"duration_s", i.duration_s},  {"has_b_frames", i.has_b_frames},
          {"frame_pts", i.frame_pts},       {"last_frame_duration", i.last_frame_duration},
          {"keyframes", i.keyframes},    {"keyframe_pos", i.keyframe_pos},
          {"keyframe_seek_ts", i.keyframe_seek_ts}, {"keyframe_clean", i.keyframe_clean},
          {"packet_bytes", i.packet_bytes},
          {"sample_aspect", rational(i.presentation.sample_aspect)},
          {"colour", {i.presentation.color_range, i.presentation.color_space, i.presentation.color_primaries, i.presentation.color_trc}}};
  if (i.presentation.display_matrix) j["display_matrix"] = *i.presentation.display_matrix;
  return j;
}

media::VideoInfo input_from(const json& in) {
  media::VideoInfo i;
  i.path = in.at("path").get<std::string>();
  i.container = in.at("container");
  i.codec = in.at("codec");
  i.pixel_format = in.at("pixel_format");
  i.width = integer<int>(in.at("width"), "width");
  i.height = integer<int>(in.at("height"), "height");
  i.frame_rate = rational(in.at("frame_rate"), "frame_rate");
  i.time_base = rational(in.at("time_base"), "time_base");
  i.frame_count = integer<std::int64_t>(in.at("frame_count"), "frame_count");
  i.duration_s = in.at("duration_s");
  i.has_b_frames = in.at("has_b_frames");
  i.frame_pts = integers<std::int64_t>(in.at("frame_pts"), "frame_pts");
  i.last_frame_duration = integer<std::int64_t>(in.at("last_frame_duration"), "last_frame_duration");
  i.keyframes = integers<std::int64_t>(in.at("keyframes"), "keyframes");
  i.keyframe_pos = integers<std::int64_t>(in.at("keyframe_pos"), "keyframe_pos");
  i.keyframe_seek_ts = integers<std::int64_t>(in.at("keyframe_seek_ts"), "keyframe_seek_ts");
  i.keyframe_clean = in.at("keyframe_clean").get<std::vector<bool>>();
  if (in.contains("packet_bytes")) i.packet_bytes = integers<std::int64_t>(in.at("packet_bytes"), "packet_bytes");
  if (in.contains("sample_aspect")) i.presentation.sample_aspect = rational(in.at("sample_aspect"), "sample_aspect");
  if (in.contains("colour")) {
    const json& colour = in.at("colour");
    i.presentation.color_range = integer<int>(colour.at(0), "colour range");
    i.presentation.color_space = integer<int>(colour.at(1), "colour space");
    i.presentation.color_primaries = integer<int>(colour.at(2), "colour primaries");
    i.presentation.color_trc = integer<int>(colour.at(3), "colour transfer");
  }
  if (in.contains("display_matrix")) {
    const auto matrix = integers<std::int32_t>(in.at("display_matrix"), "display_matrix");
    if (matrix.size() != std::tuple_size_v<media::DisplayMatrix>)
      throw InputError(fmt::format("display_matrix has {} entries, not 9", matrix.size()));
    i.presentation.display_matrix.emplace();
    std::copy(matrix.begin(), matrix.end(), i.presentation.display_matrix->begin());
  }
  if (i.keyframe_pos.size() != i.keyframes.size() || i.keyframe_seek_ts.size() != i.keyframes.size() ||
      i.keyframe_clean.size() != i.keyframes.size())
    throw InputError("keyframes, keyframe_pos, keyframe_seek_ts and keyframe_clean differ in length");
  if (!i.packet_bytes.empty() && static_cast<std::int64_t>(i.packet_bytes.size()) != i.frame_count)
    throw InputError(fmt::format("packet_bytes has {} entries for {} frames", i.packet_bytes.size(), i.frame_count));
  return i;
}

// The kernel travels whole, quantised taps included, so the worker filters with exactly the
// parent's arithmetic whatever the kernel's name (custom kernels have no preset to rebuild).
json kernel_json(const kernels::KernelSpec& k) {
  json kernel = {{"name", k.name}, {"size", k.size}, {"coefficients", k.coefficients}, {"taps", k.taps}};
  if (k.separable) kernel["separable"] = {{"row", k.separable->row}, {"column", k.separable->column}};
  return kernel;
}

kernels::KernelSpec kernel_from(const json& k) {
  kernels::KernelSpec kernel;
  kernel.name = k.at("name");
  kernel.size = integer<int>(k.at("size"), "kernel size");
  kernel.coefficients = k.at("coefficients").get<std::vector<double>>();
  kernel.taps = integers<std::int32_t>(k.at("taps"), "taps");
  if (k.contains("separable"))
    kernel.separable = kernels::SeparableTaps{integers<std::int32_t>(k.at("separable").at("row"), "separable row"),
                                              integers<std::int32_t>(k.at("separable").at("column"), "separable column")};
  return kernel;
}

[[noreturn]] void bad(const std::string& what) { throw InputError(what); }

void check_rational(const char* key, media::Rational r) {
  if (r.num <= 0 || r.den <= 0) bad(fmt::format("{} {}/{} is not positive", key, r.num, r.den));
}

// The probe the parent made; the worker sizes frames and finds keyframes from it.
void check_input(const media::VideoInfo& i) {
  if (i.path.empty()) bad("the input has no path");
  if (i.width < 1 || i.height < 1 || i.width > kMaxFrameSide || i.height > kMaxFrameSide)
    bad(fmt::format("frame size {}x{} is not within 1..{} on each side", i.width, i.height, kMaxFrameSide));
  check_rational("frame_rate", i.frame_rate);
  check_rational("time_base", i.time_base);
  if (const auto a = i.presentation.sample_aspect; a.num < 0 || a.den <= 0)
    bad(fmt::format("sample_aspect {}/{} is not a pixel aspect ratio", a.num, a.den));
  if (const auto problem = i.presentation.colour_tags_problem(); !problem.empty()) bad(problem);
  if (i.frame_count < 1) bad(fmt::format("frame_count {} is not positive", i.frame_count));
  if (i.frame_pts.size() != static_cast<std::size_t>(i.frame_count))
    bad(fmt::format("{} frame timestamps for {} frames", i.frame_pts.size(), i.frame_count));
  if (i.keyframes.empty() || i.keyframes.front() != 0 || i.keyframes.back() >= i.frame_count ||
      std::adjacent_find(i.keyframes.begin(), i.keyframes.end(), std::greater_equal<>()) != i.keyframes.end())
    bad("keyframes are not ascending frame indices starting at 0");
}

void check_segment(const Segment& s, std::int64_t frame_count) {
  if (s.index < 0 || s.first < 0 || s.count < 1 || s.first >= frame_count || s.count > frame_count - s.first)
    bad(fmt::format("segment {} (frames {}, {} of them) is not within the input's {} frames", s.index, s.first, s.count, frame_count));
}

// Everything the worker indexes or allocates by is checked here, so a malformed job is refused
// in one line instead of reading out of bounds or exhausting memory.
void check_job(const WorkerJob& job) {
  check_input(job.input);
  check_segment(job.segment, job.input.frame_count);
  kernels::check_kernel(job.kernel);
  media::encoder(job.encoder);
  if (job.output.empty()) bad("the output has no path");
  if (job.threads < 1 || job.threads > kMostWorkers) bad(fmt::format("threads {} is not within 1..{}", job.threads, kMostWorkers));
}

void check_status(const WorkerStatus& s) {
  if (s.bad_input && s.error.empty()) bad("bad_input without an error");
  if (s.frames < 0 || s.frames_discarded < 0)
    bad(fmt::format("negative frame counts ({} done, {} discarded)", s.frames, s.frames_discarded));
  for (const auto& [stage, seconds] : s.stages) {
    const std::string_view name = stage;
    if (std::none_of(kAllStages.begin(), kAllStages.end(), [name](Stage k) { return stage_name(k) == name; }))
      bad(fmt::format("unknown stage '{}'", stage));
    if (!std::isfinite(seconds) || seconds < 0) bad(fmt::format("stage '{}' took {} s", stage, seconds));
  }
}

WorkerJob parse_job(const json& j) {
  WorkerJob job;
  job.kind = kind_named(j.at("kind").get<std::string>());
  job.input = input_from(j.at("input"));
  const json& s = j.at("segment");
  job.segment = {integer<int>(s.at(0), "segment"), integer<std::int64_t>(s.at(1), "segment"), integer<std::int64_t>(s.at(2), "segment")};
  job.kernel = kernel_from(j.at("kernel"));
  job.encoder = j.at("encoder");
  job.output = j.at("output").get<std::string>();
  job.threads = integer<int>(j.at("threads"), "threads");
  job.pixels = parse_pixel_path(j.at("pixel_format").get<std::string>());
  return job;
}

}  // namespace

std::string to_json(const WorkerJob& job) {
  return json{{"kind", kind_name(job.kind)},
              {"input", input_json(job.input)},
              {"segment", {job.segment.index, job.segment.first, job.segment.count}},
              {"kernel", kernel_json(job.kernel)},
              {"encoder", job.encoder},
              {"output", job.output.string()},
              {"threads", job.threads},
              {"pixel_format", to_string(job.pixels)}}
      .dump();
}

WorkerJob worker_job_from_json(std::string_view text) {
  try {
    WorkerJob job = parse_job(json::parse(text));
    check_job(job);
    return job;
  } catch (const json::exception& e) {
    throw InputError(fmt::format("worker: bad job on stdin: {}", e.what()));
  } catch (const InputError& e) {
    throw InputError(fmt::format("worker: bad job on stdin: {}", e.what()));
  }
}

std::string chunk_to_json(const Segment& chunk, const std::filesystem::path& output) {
  return json{{"segment", {chunk.index, chunk.first, chunk.count}}, {"output", output.string()}}.dump();
}

void apply_chunk_json(std::string_view text, WorkerJob& job) {
  try {
    const json j = json::parse(text);
    const json& s = j.at("segment");
    const Segment segment{integer<int>(s.at(0), "segment"), integer<std::int64_t>(s.at(1), "segment"),
                          integer<std::int64_t>(s.at(2), "segment")};
    check_segment(segment, job.input.frame_count);
    std::filesystem::path output = j.at("output").get<std::string>();
    if (output.empty()) bad("the output has no path");
    job.segment = segment;
    job.output = std::move(output);
  } catch (const json::exception& e) {
    throw InputError(fmt::format("worker: bad chunk on stdin: {}", e.what()));
  } catch (const InputError& e) {
    throw InputError(fmt::format("worker: bad chunk on stdin: {}", e.what()));
  }
}

std::string to_json(const WorkerStatus& status) {
  json j = {{"frames", status.frames},
            {"frames_discarded", status.frames_discarded},
            {"stages", status.stages},
            {"head", status.boundary.head},
            {"tail", status.boundary.tail}};
  if (!status.error.empty()) j["error"] = status.error;
  if (status.bad_input) j["bad_input"] = true;
  return j.dump();
}

WorkerStatus worker_status_from_json(std::string_view text) {
  try {
    const json j = json::parse(text);
    WorkerStatus s;
    s.frames = integer<std::int64_t>(j.at("frames"), "frames");
    s.frames_discarded = integer<std::int64_t>(j.at("frames_discarded"), "frames_discarded");
    s.stages = j.at("stages").get<StageSeconds>();
    s.boundary.head = j.at("head").get<std::vector<std::uint64_t>>();
    s.boundary.tail = j.at("tail").get<std::vector<std::uint64_t>>();
    s.error = j.value("error", "");
    s.bad_input = j.value("bad_input", false);
    check_status(s);
    return s;
  } catch (const json::exception& e) {
    throw Error(fmt::format("unreadable worker status: {}", e.what()));
  } catch (const InputError& e) {
    throw Error(fmt::format("unreadable worker status: {}", e.what()));
  }
}

void write_record(int fd, RecordType type, std::string_view payload) {
  char header[kHeaderBytes];
  header[0] = static_cast<char>(type);
  const std::uint64_t size = payload.size();
  std::memcpy(header + 1, &size, sizeof size);
  write_full(fd, header, sizeof header);
  write_full(fd, payload.data(), payload.size());
}

std::optional<RecordReader::Record> RecordReader::next() {
  if (empty()) return std::nullopt;
  // Checked as soon as it arrives: a garbled stream fails now, not after waiting for a length.
  const auto type = static_cast<RecordType>(buffer_[start_]);
  if (type != RecordType::job && type != RecordType::chunk && type != RecordType::stream_header && type != RecordType::packet && type != RecordType::status)
    throw Error(fmt::format("corrupt worker output: unknown record type {}", static_cast<int>(buffer_[start_])));
  if (buffer_.size() - start_ < kHeaderBytes) return std::nullopt;
  std::uint64_t size;
  std::memcpy(&size, buffer_.data() + start_ + 1, sizeof size);
  if (size > kMaxRecordBytes)
    throw Error(fmt::format("corrupt worker output: a record of {} bytes (at most {})", size, kMaxRecordBytes));
  if (buffer_.size() - start_ - kHeaderBytes < size) return std::nullopt;
  Record r{type, buffer_.substr(start_ + kHeaderBytes, size)};
  start_ += kHeaderBytes + size;
  // Drop consumed bytes now and then, not on every record.
  if (start_ > (1u << 20) && start_ * 2 > buffer_.size()) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  return r;
}

}  // namespace framebench::strategies
