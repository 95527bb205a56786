#pragma once
// Two kinds of failure: the user's input is wrong (exit status 2, one clear line), or a run
// went wrong (exit status 1). Messages carry their context: the file, key or call concerned.
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

}  // namespace framebench
