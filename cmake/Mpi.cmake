# Open MPI is optional like CUDA: AUTO builds mpi-segments and fleet runs when libopenmpi-dev is
# found; without it they say "built without Open MPI". Only the C API is used (from C++:
# the project enables no C compiler), so the deprecated C++ bindings are skipped.
set(FRAMEBENCH_MPI "AUTO" CACHE STRING "Build mpi-segments and fleet runs on Open MPI: AUTO, ON or OFF")
set_property(CACHE FRAMEBENCH_MPI PROPERTY STRINGS AUTO ON OFF)
set(FRAMEBENCH_HAVE_MPI OFF)
if(NOT FRAMEBENCH_MPI STREQUAL "OFF")
  set(MPI_CXX_SKIP_MPICXX ON)
  find_package(MPI COMPONENTS CXX QUIET)
  if(MPI_CXX_FOUND)
    set(FRAMEBENCH_HAVE_MPI ON)
  elseif(FRAMEBENCH_MPI STREQUAL "ON")
    message(FATAL_ERROR "FRAMEBENCH_MPI=ON but MPI (libopenmpi-dev) was not found")
  endif()
endif()
message(STATUS "framebench Open MPI: ${FRAMEBENCH_HAVE_MPI}")
