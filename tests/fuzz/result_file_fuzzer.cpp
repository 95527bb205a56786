// libFuzzer target: the result-file reader behind `report` and `compare`. Any input must either
// load or be refused with an InputError naming the file; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "reports/result_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    framebench::reports::parse_result_json(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const framebench::InputError&) {
  }
  return 0;
}
