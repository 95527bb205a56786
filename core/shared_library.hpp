#pragma once
// A shared library opened at run time (dlopen), for what the machine may or may not have: the
// NVIDIA driver (libcuda), NVML, cuFFT. Opening never throws: a library that is not there is a
// normal answer, kept as the loader's own words.
#include <string>

namespace framebench {

class SharedLibrary {
 public:
  // Opens `soname` (RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE: it stays mapped until the process
  // ends); loaded() says whether it worked, error() why not.
  explicit SharedLibrary(const std::string& soname);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  bool loaded() const { return handle_ != nullptr; }
  // dlerror's text when opening failed (it names the file and the cause).
  const std::string& error() const { return error_; }
  const std::string& soname() const { return soname_; }

  // The address of `name` cast to the function pointer type F; nullptr when absent or not loaded.
  template <typename F>
  F function(const char* name) const {
    return reinterpret_cast<F>(symbol(name));
  }
  // Sets `function` to `name`'s address; throws Error naming the library and the function when
  // it is absent (a library of the right soname but another build).
  template <typename F>
  void bind(F& function, const char* name) const {
    function = reinterpret_cast<F>(required_symbol(name));
  }

 private:
  void* symbol(const char* name) const;
  void* required_symbol(const char* name) const;

  std::string soname_;
  std::string error_;
  void* handle_ = nullptr;
};

}  // namespace framebench
