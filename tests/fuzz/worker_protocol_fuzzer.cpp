// libFuzzer target: the worker protocol, both directions. The first byte picks the message: a job
// (parent -> worker), a status (worker -> parent) or a record stream. A job that is accepted is
// then used as the worker uses it (its kernel built and applied to a small frame), so a message
// that passes validation but cannot be run safely is found too.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "core/frame.hpp"
#include "kernels/fast_filter.hpp"
#include "strategies/segments/protocol.hpp"

namespace {

using namespace framebench;

void use_job(std::string_view text) {
  const auto job = strategies::worker_job_from_json(text);
  auto filter = kernels::make_fast_filter(job.kernel);
  Frame in(7, 5), out(7, 5);
  filter->apply(in.view(), out.view());
}

void read_records(std::string_view bytes) {
  strategies::RecordReader reader;
  // Fed in two pieces, as a pipe might deliver them.
  const std::size_t half = bytes.size() / 2;
  reader.feed(bytes.data(), half);
  while (reader.next()) {
  }
  reader.feed(bytes.data() + half, bytes.size() - half);
  while (reader.next()) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view message(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: use_job(message); break;
      case 1: strategies::worker_status_from_json(message); break;
      case 2: read_records(message); break;
    }
  } catch (const Error&) {
  }
  return 0;
}
