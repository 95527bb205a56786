# Writes OUT, a source file defining framebench::git_commit(): the source tree's commit, with
# "-dirty" when tracked files differ from it, or "unknown" outside a git checkout. Run at every
# build (cmake/Version.cmake's framebench_git_commit target), not only at configure time, so that
# results name the commit the binary was built from; the file is rewritten only when that changes.
#   cmake -DSOURCE_DIR=... -DOUT=... -P cmake/GitCommit.cmake
execute_process(COMMAND git rev-parse --short=12 HEAD
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git status --porcelain --untracked-files=no
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE dirty OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT commit)
  set(commit "unknown")
elseif(dirty)
  string(APPEND commit "-dirty")
endif()
set(text "// Written by cmake/GitCommit.cmake at build time.\n#include \"framebench/version.hpp\"\n\nnamespace framebench {\nconst char* git_commit() { return \"${commit}\"; }\n}  // namespace framebench\n")
if(EXISTS ${OUT})
  file(READ ${OUT} old)
endif()
if(NOT old STREQUAL text)
  file(WRITE ${OUT} "${text}")
endif()
