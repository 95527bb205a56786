#pragma once
// Reading other processes' /proc files in tests that look for the processes a run left behind:
// such a process may exit while its file is read, which makes the read fail with ESRCH. Through
// an istreambuf_iterator libstdc++ throws that out of the test ("basic_filebuf::underflow error
// reading the file: No such process"), so these read it as empty instead: the process is gone.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace framebench::testing {

// The whole file, or "" when the process has gone (or never was).
std::string read_proc_file(const std::filesystem::path& path);

// The processes alive now, by /proc's numbered entries.
std::vector<pid_t> live_pids();

// The processes alive now, this one aside, whose environment holds `entry` ("KEY=VALUE") exactly:
// how tests find what a run started (a TMPDIR of their own, a mark) and check none is left.
std::vector<pid_t> processes_with_environment(const std::string& entry);

}  // namespace framebench::testing
