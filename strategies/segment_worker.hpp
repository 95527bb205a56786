#pragma once
// The worker side of the segment strategies: the body of the hidden `framebench worker` command.
namespace framebench::strategies {

// Reads one WorkerJob (JSON) from `in_fd` to its end, decodes the segment's frames, filters and
// encodes them (to a part file, or as packet records on `out_fd`), and ends with a status record
// on `out_fd`. Returns the process exit status: 0 done, 1 failed (the status says why).
int run_segment_worker(int in_fd, int out_fd);

}  // namespace framebench::strategies
