# The version, compiler and build type are fixed when the build is configured (version.hpp); the git
# commit, recorded in every result's provenance, is read again at every build (GitCommit.cmake):
# an incremental build after a pull or a commit must not name the commit it was configured at.
set(FRAMEBENCH_GIT_COMMIT_SOURCE ${CMAKE_BINARY_DIR}/generated/git_commit.cpp)
set(write_git_commit ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${FRAMEBENCH_GIT_COMMIT_SOURCE}
    -P ${CMAKE_SOURCE_DIR}/cmake/GitCommit.cmake)
execute_process(COMMAND ${write_git_commit})  # so that the source exists when the build is generated
add_custom_target(framebench_git_commit
  COMMAND ${write_git_commit}
  BYPRODUCTS ${FRAMEBENCH_GIT_COMMIT_SOURCE}
  COMMENT "Reading the git commit")
configure_file(${CMAKE_SOURCE_DIR}/cmake/version.hpp.in ${CMAKE_BINARY_DIR}/generated/framebench/version.hpp @ONLY)
