#include "core/shared_library.hpp"

#include <dlfcn.h>

#include <fmt/format.h>

#include "core/error.hpp"

namespace framebench {

SharedLibrary::SharedLibrary(const std::string& soname) : soname_(soname) {
  // Never unloaded, even by dlclose: what was made through a library (cuFFT plans, filter graphs)
  // may still be alive on another thread when a static handle is destroyed at exit.
  handle_ = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (handle_ == nullptr) {
    const char* why = dlerror();
    error_ = why != nullptr ? why : soname + ": cannot be opened";
  }
}

SharedLibrary::~SharedLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

void* SharedLibrary::symbol(const char* name) const { return handle_ != nullptr ? dlsym(handle_, name) : nullptr; }

void* SharedLibrary::required_symbol(const char* name) const {
  void* address = symbol(name);
  if (address == nullptr) throw Error(fmt::format("{} has no {}", soname_, name));
  return address;
}

}  // namespace framebench
