# Compiler settings shared by every mamar target, applied per target (never through
# CMAKE_CXX_FLAGS): mamar_configure_target(<target>).
add_library(mamar_build_options INTERFACE)
add_library(mamar::build_options ALIAS mamar_build_options)
target_compile_features(mamar_build_options INTERFACE cxx_std_20)
target_compile_options(mamar_build_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${MAMAR_WERROR}>:-Werror>
  # mamar never reads errno: without it, std::sqrt is one instruction instead of a test and a
  # library call for negative arguments. Results are unchanged.
  -fno-math-errno)
if(MAMAR_SANITIZE)
  target_compile_options(mamar_build_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
    # GCC 12 reports false "maybe uninitialized" inside std::regex and yaml-cpp under ASan.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(mamar_build_options INTERFACE -fsanitize=address,undefined)
endif()
if(MAMAR_BUILD_FUZZ)
  target_compile_options(mamar_build_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
    -fno-omit-frame-pointer)
  target_link_options(mamar_build_options INTERFACE -fsanitize=address,undefined)
endif()
if(MAMAR_INVARIANTS)
  target_compile_definitions(mamar_build_options INTERFACE MAMAR_INVARIANTS=1)
endif()

# mamar_add_library(<name> SOURCES ... DEPS ...): a static library mamar_<name> with the
# alias mamar::<name>, public headers in include/, internals beside the sources.
function(mamar_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(mamar_${name} STATIC ${ARG_SOURCES})
  add_library(mamar::${name} ALIAS mamar_${name})
  target_include_directories(mamar_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(mamar_${name} PUBLIC ${ARG_DEPS} PRIVATE mamar::build_options ${ARG_PRIVATE_DEPS})
endfunction()

# mamar_add_test(<name> SOURCES ... DEPS ... [LABELS ...] [TIMEOUT s]): a GoogleTest binary.
function(mamar_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 60)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS fast)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main mamar::build_options)
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_definitions(${name} PRIVATE MAMAR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()
