#pragma once
// Bad input's contract inside the process: an InputError whose message the test can inspect.
#include <functional>
#include <string>

#include "core/error.hpp"

namespace framebench::testing {

// The message of the InputError `f` throws, or "(no InputError)".
inline std::string input_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

}  // namespace framebench::testing
