#include "strategies/segments/protocol.hpp"

#include <array>
#include <cstring>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/subprocess.hpp"

namespace framebench::strategies {
using nlohmann::json;

namespace {

constexpr std::size_t kHeaderBytes = 1 + sizeof(std::uint64_t);

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
  throw InputError(fmt::format("worker: bad job on stdin: unknown kind '{}'", name));
}

json rational(media::Rational r) { return json::array({r.num, r.den}); }
media::Rational rational(const json& j) { return {j.at(0).get<int>(), j.at(1).get<int>()}; }

json input_json(const media::VideoInfo& i) {
  return {{"path", i.path.string()},        {"container", i.container},    {"codec", i.codec},
          {"pixel_format", i.pixel_format}, {"width", i.width},            {"height", i.height},
          {"frame_rate", rational(i.frame_rate)}, {"time_base", rational(i.time_base)},
          {"frame_count", i.frame_count},   {"duration_s", i.duration_s},  {"has_b_frames", i.has_b_frames},
          {"frame_pts", i.frame_pts},       {"keyframes", i.keyframes},    {"keyframe_pos", i.keyframe_pos},
          {"keyframe_seek_ts", i.keyframe_seek_ts}};
}

media::VideoInfo input_from(const json& in) {
  media::VideoInfo i;
  i.path = in.at("path").get<std::string>();
  i.container = in.at("container");
  i.codec = in.at("codec");
  i.pixel_format = in.at("pixel_format");
  i.width = in.at("width");
  i.height = in.at("height");
  i.frame_rate = rational(in.at("frame_rate"));
  i.time_base = rational(in.at("time_base"));
  i.frame_count = in.at("frame_count");
  i.duration_s = in.at("duration_s");
  i.has_b_frames = in.at("has_b_frames");
  i.frame_pts = in.at("frame_pts").get<std::vector<std::int64_t>>();
  i.keyframes = in.at("keyframes").get<std::vector<std::int64_t>>();
  i.keyframe_pos = in.at("keyframe_pos").get<std::vector<std::int64_t>>();
  i.keyframe_seek_ts = in.at("keyframe_seek_ts").get<std::vector<std::int64_t>>();
  if (i.keyframe_pos.size() != i.keyframes.size() || i.keyframe_seek_ts.size() != i.keyframes.size())
    throw InputError("worker: bad job on stdin: keyframe tables of different lengths");
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
  kernel.size = k.at("size");
  kernel.coefficients = k.at("coefficients").get<std::vector<double>>();
  kernel.taps = k.at("taps").get<std::vector<std::int32_t>>();
  if (k.contains("separable"))
    kernel.separable = kernels::SeparableTaps{k.at("separable").at("row").get<std::vector<std::int32_t>>(),
                                              k.at("separable").at("column").get<std::vector<std::int32_t>>()};
  return kernel;
}

}  // namespace

std::string to_json(const WorkerJob& job) {
  return json{{"kind", kind_name(job.kind)},
              {"input", input_json(job.input)},
              {"segment", {job.segment.index, job.segment.first, job.segment.count}},
              {"kernel", kernel_json(job.kernel)},
              {"encoder", job.encoder},
              {"output", job.output.string()},
              {"threads", job.threads}}
      .dump();
}

WorkerJob worker_job_from_json(std::string_view text) {
  try {
    const json j = json::parse(text);
    WorkerJob job;
    job.kind = kind_named(j.at("kind").get<std::string>());
    job.input = input_from(j.at("input"));
    const json& s = j.at("segment");
    job.segment = {s.at(0).get<int>(), s.at(1).get<std::int64_t>(), s.at(2).get<std::int64_t>()};
    job.kernel = kernel_from(j.at("kernel"));
    job.encoder = j.at("encoder");
    job.output = j.at("output").get<std::string>();
    job.threads = j.at("threads");
    return job;
  } catch (const json::exception& e) {
    throw InputError(fmt::format("worker: bad job on stdin: {}", e.what()));
  }
}

std::string to_json(const WorkerStatus& status) {
  json j = {{"frames", status.frames},
            {"frames_discarded", status.frames_discarded},
            {"stages", status.stages},
            {"head", status.boundary.head},
            {"tail", status.boundary.tail}};
  if (!status.error.empty()) j["error"] = status.error;
  return j.dump();
}

WorkerStatus worker_status_from_json(std::string_view text) {
  try {
    const json j = json::parse(text);
    WorkerStatus s;
    s.frames = j.at("frames");
    s.frames_discarded = j.at("frames_discarded");
    s.stages = j.at("stages").get<StageSeconds>();
    s.boundary.head = j.at("head").get<std::vector<std::uint64_t>>();
    s.boundary.tail = j.at("tail").get<std::vector<std::uint64_t>>();
    s.error = j.value("error", "");
    return s;
  } catch (const json::exception& e) {
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
  if (type != RecordType::stream_header && type != RecordType::packet && type != RecordType::status)
    throw Error(fmt::format("corrupt worker output: unknown record type {}", static_cast<int>(buffer_[start_])));
  if (buffer_.size() - start_ < kHeaderBytes) return std::nullopt;
  std::uint64_t size;
  std::memcpy(&size, buffer_.data() + start_ + 1, sizeof size);
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
