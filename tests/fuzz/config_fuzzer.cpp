// libFuzzer target: the experiment-config reader. Any input must either parse or be refused with
// an InputError (the one-line message `run` prints); anything else (another exception, a crash, a
// sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "harness/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    framebench::harness::parse_config(std::string(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  } catch (const framebench::InputError&) {
  }
  return 0;
}
