#pragma once
// Two kinds of failure: the user's input is wrong (exit status 2, one clear line), or a run
// went wrong (exit status 1). Messages carry their context: the file, key or call concerned.
#include <cerrno>
#include <stdexcept>
#include <string>

namespace framebench {

// Something went wrong while running.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad usage, configuration or input file: the CLI reports it in one line and exits with 2.
class InputError : public Error {
 public:
  using Error::Error;
};

// Whether a folder could not be made for the place's sake (an errno: missing, not a folder or
// something else in the way, not ours to write, read-only, a loop of links): the user's setting
// of TMPDIR or the cache folder is then at fault, said as an InputError; a full disk is not.
inline bool is_bad_place(int error) {
  return error == ENOENT || error == ENOTDIR || error == EEXIST || error == EACCES || error == EPERM || error == EROFS || error == ELOOP;
}

}  // namespace framebench
