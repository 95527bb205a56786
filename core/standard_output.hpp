#pragma once
// Standard output that a reader going away cannot fail. `framebench compare ... | head` or quitting
// `less` closes the pipe; a write then fails with EPIPE, which fmt turns into an exception that
// ended the command half done: `run` never wrote its exports, `compare`'s gate exited 1 (found
// 6 December 2026 by a sweep of environments). Once the reader has gone, what is printed is
// dropped and the command goes on to its own end and exit status. Other failures (a full disk,
// a closed descriptor) still fail the write.
namespace framebench {

// Replaces `stdout` with such a stream over file descriptor 1, buffered as stdio buffers it (by
// lines on a terminal). Call once, first thing in main, before anything is printed. std::cout
// keeps the C library's own stream: flush one before the other is used.
void drop_output_once_its_reader_leaves();

}  // namespace framebench
