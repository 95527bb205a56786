#pragma once
// Provenance: what a result's context records about the build, the libraries and the machine.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace framebench::harness {

inline constexpr const char* kResultSchema = "1";

using Provenance = std::vector<std::pair<std::string, std::string>>;

// framebench version, commit, compiler, library versions, CPU model, GPU and driver.
// Cheap: measures nothing (see bandwidth for the rooflines).
Provenance collect_environment();

std::string cpu_model();
std::string host_name();

}  // namespace framebench::harness

namespace framebench {
std::string framebench_version_string();  // "0.1.0 (commit abc123)"
// A build as messages name it: "0.1.0 (commit abc123, Release)". The one form for ranks, resumed
// files and compared files alike.
std::string build_text(std::string_view version, std::string_view commit, std::string_view build_type);
// This framebench's.
std::string this_build_text();
}
