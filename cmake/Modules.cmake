# Folders are modules, and the build enforces that dependencies only point down: a module's
# headers are reachable as "<module>/x.hpp" only through <build>/include/<module>, a directory
# holding one link to that folder, which the module's target exposes to what links it. A module
# that includes a header of a module it does not link fails to compile.
function(framebench_module_headers target module)
  set(root ${CMAKE_BINARY_DIR}/include/${module})
  if(NOT EXISTS ${root}/${module})
    file(MAKE_DIRECTORY ${root})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${module} ${root}/${module} SYMBOLIC)
  endif()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
