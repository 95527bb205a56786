# Sanitizer and fuzzing builds (presets `asan`; scripts/sanitize and scripts/fuzz use it).
# The flags go on every target, tests included, so a bad read anywhere in a test run is reported.
set(FRAMEBENCH_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined")
option(FRAMEBENCH_FUZZ "Build the libFuzzer targets under tests/fuzz (needs clang)" OFF)

if(FRAMEBENCH_SANITIZE)
  # Undefined behaviour stops the program, so a test cannot pass over it.
  add_compile_options(-fsanitize=${FRAMEBENCH_SANITIZE} -fno-sanitize-recover=all
    -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${FRAMEBENCH_SANITIZE})
endif()

if(FRAMEBENCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FRAMEBENCH_FUZZ needs clang (libFuzzer); use the asan preset")
  endif()
  # Coverage feedback from all of our code; libFuzzer's main is linked into the fuzz targets only.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
