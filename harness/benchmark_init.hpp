#pragma once
// Google Benchmark reads its settings from argv only, and keeps argv[0] for the results' context,
// so `run` and `kernels` both start it through here, with strings that outlive the run.
#include <filesystem>
#include <string>
#include <vector>

namespace framebench::harness {

// Results go to `json_out` as JSON; `flags` are --benchmark_* flags passed through. Throws
// InputError naming a flag Google Benchmark does not know.
void initialize_benchmark(const std::filesystem::path& json_out, const std::vector<std::string>& flags = {});

}  // namespace framebench::harness
