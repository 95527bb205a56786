#pragma once
// Which machine a result file was measured on. Its host name alone does not say: cloud machines
// are often all called "vm", and a 2-core EPYC's file and a 16-core Xeon's with an H200 were
// drawn as one host.
#include <string>
#include <vector>

#include "reports/result_file.hpp"

namespace framebench::reports {

// A name per file (in the files' order) for the machine it ran on: its host name, with its
// logical CPUs, CPU model and GPU after it where another machine among `files` has the same host
// name, e.g. "vm (16 CPUs, Intel(R) Xeon(R) Processor, NVIDIA H200)". Files of one machine get
// one name.
std::vector<std::string> machine_names(const std::vector<ResultFile>& files);

}  // namespace framebench::reports
