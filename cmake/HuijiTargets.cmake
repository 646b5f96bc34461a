# Build rules shared by every Huiji target: warnings are errors, optional sanitizers,
# and one helper per kind of target so that each folder's CMakeLists.txt stays a list of files.

option(HUIJI_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_library(huiji_build_flags INTERFACE)
target_compile_options(huiji_build_flags INTERFACE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
    -Wconversion -Wsign-conversion -Wnull-dereference -Wformat=2)
target_compile_definitions(huiji_build_flags INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(HUIJI_SANITIZE)
    target_compile_options(huiji_build_flags INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(huiji_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# huiji_add_layer(<Name> SOURCES ... [DEPENDS ...]) makes the static library huiji_<name>
# with the alias Huiji::<Name>. Headers are included by folder: #include "store/HistoryStore.h".
function(huiji_add_layer name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
    string(TOLOWER "${name}" lower)
    set(target huiji_${lower})
    add_library(${target} STATIC ${ARG_SOURCES})
    add_library(Huiji::${name} ALIAS ${target})
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/core" "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${target} PUBLIC ${ARG_DEPENDS} PRIVATE huiji_build_flags)
endfunction()

# huiji_add_test(<tst_name> SOURCES ... DEPENDS ...) makes one Qt Test executable and registers it.
function(huiji_add_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPENDS} Qt6::Test huiji_build_flags)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
