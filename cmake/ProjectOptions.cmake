# practicum_options: the one INTERFACE target that carries the project's strictness.
# Every target of the project links it; nothing else sets warnings or the language level.

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE Debug CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(practicum_options INTERFACE)
target_compile_features(practicum_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(practicum_options INTERFACE
  # -Wnull-dereference is left out: at -O2 it fires inside Boost.Asio headers.
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough -Werror=switch -Werror=return-type)
if(PRACTICUM_WERROR)
  target_compile_options(practicum_options INTERFACE -Werror)
endif()

# Qt strictness, for the Qt targets that arrive with the desktop app.
target_compile_definitions(practicum_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER)

# Boost: header-only Beast/Asio with the separately compiled Boost.JSON.
target_compile_definitions(practicum_options INTERFACE BOOST_ASIO_NO_DEPRECATED)

option(PRACTICUM_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(PRACTICUM_SANITIZE)
  target_compile_options(practicum_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(practicum_options INTERFACE -fsanitize=address,undefined)
endif()

# `format` target: applies .clang-format to every C++ file of the project.
find_program(CLANG_FORMAT_PROGRAM NAMES clang-format clang-format-14)
if(CLANG_FORMAT_PROGRAM)
  file(GLOB_RECURSE practicum_format_files CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/core/*.cpp ${PROJECT_SOURCE_DIR}/core/*.h
    ${PROJECT_SOURCE_DIR}/server/*.cpp ${PROJECT_SOURCE_DIR}/server/*.h
    ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
    ${PROJECT_SOURCE_DIR}/bench/*.cpp)
  add_custom_target(format COMMAND ${CLANG_FORMAT_PROGRAM} -i ${practicum_format_files}
    COMMENT "clang-format on the project's sources" VERBATIM)
endif()
